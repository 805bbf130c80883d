// Timing from inside the page, the same script in the app and in the vanilla page, added
// with `browserContext.addInitScript(pageProbe, options)` so it runs before either page's own
// code. Every figure is on the page's performance clock (0 = navigation start), and each is
// also left as a performance mark ("bench:...") for anyone reading a trace.
//
// "Painted" is the first moment after the frame that shows the change: the DOM change is
// seen by a MutationObserver, a requestAnimationFrame callback then runs just before that
// frame's style, layout and paint, and a message posted from it arrives once that frame is
// done. Event start times are the DOM events' own timeStamps (the same clock).
//
//   window.__benchProbe.firstPage          promise: 24 product cards in the DOM, then painted
//   window.__benchProbe.armSearch()        then press Enter in the search box;
//   window.__benchProbe.search             promise: result count and cards changed, painted
//   window.__benchProbe.armAddToCart()     then click [data-testid=add-to-cart];
//   window.__benchProbe.addToCart          promise: the header's cart count changed, painted
//   window.__benchProbe.armOpenProduct()   then click a product card's link;
//   window.__benchProbe.openProduct        promise: the product page's price shown, painted

export function pageProbe({ firstPageCards }) {
  const CARD = '[data-testid=product-card]';
  const CARD_NAME = '[data-testid=product-card] .product-card-name';
  const RESULT_COUNT = '[data-testid=result-count]';
  const CART_COUNT = '[data-testid=cart-count]';

  function mark(name) {
    return performance.mark(`bench:${name}`).startTime;
  }

  function afterNextPaint() {
    return new Promise((resolve) => {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
    });
  }

  /** Resolves with the time `ready()` first holds after a DOM change, and when that painted. */
  function whenDomShows(name, ready) {
    return new Promise((resolve) => {
      const check = () => {
        if (!ready()) return false;
        observer.disconnect();
        const inDom = mark(`${name}-in-dom`);
        afterNextPaint().then(() => resolve({ inDom, painted: mark(`${name}-painted`) }));
        return true;
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    });
  }

  function text(selector) {
    return document.querySelector(selector)?.textContent ?? null;
  }

  function cardNames() {
    return [...document.querySelectorAll(CARD_NAME)].map((n) => n.textContent).join('\n');
  }

  /** The timeStamp of the next event of `type` that `matches`, caught before the page's own handlers. */
  function nextEvent(type, matches) {
    return new Promise((resolve) => {
      const listener = (event) => {
        if (!matches(event)) return;
        window.removeEventListener(type, listener, true);
        resolve(event.timeStamp);
      };
      window.addEventListener(type, listener, true);
    });
  }

  async function timed(startEvent, shown) {
    const [start, { inDom, painted }] = await Promise.all([startEvent, shown]);
    return { start, inDom, painted, toDom: inDom - start, toPaint: painted - start };
  }

  const probe = {};
  if (firstPageCards) {
    probe.firstPage = whenDomShows('first-page', () => document.querySelectorAll(CARD).length >= firstPageCards);
  }

  probe.armSearch = () => {
    const countBefore = text(RESULT_COUNT);
    const namesBefore = cardNames();
    const enter = nextEvent('keydown', (e) => e.key === 'Enter' && e.target.matches?.('[data-testid=search-input]'));
    const shown = whenDomShows('search', () => {
      const count = text(RESULT_COUNT);
      return count !== null && count !== countBefore && document.querySelector(CARD) !== null && cardNames() !== namesBefore;
    });
    probe.search = timed(enter, shown);
  };

  probe.armAddToCart = () => {
    const before = text(CART_COUNT);
    const click = nextEvent('click', (e) => e.target.closest?.('[data-testid=add-to-cart]'));
    const shown = whenDomShows('add-to-cart', () => text(CART_COUNT) !== before);
    probe.addToCart = timed(click, shown);
  };

  probe.armOpenProduct = () => {
    const click = nextEvent('click', (e) => e.target.closest?.(`${CARD} a`));
    const shown = whenDomShows('open-product', () => document.querySelector('[data-testid=product-price]') !== null);
    probe.openProduct = timed(click, shown);
  };

  window.__benchProbe = probe;
}
