// The storefront benchmark's yardstick: what the app's catalog and product pages do to the
// DOM, written by hand with no framework, on the same products (catalog.json, printed by
// `cargo run --bin catalog_json`). The aim is the same work, not a second shop: the same card
// markup and stylesheet, the same search rule and order, the same header count, and the cart
// saved to localStorage on every add as the app saves its own.
//
// Marks for the benchmark: "vanilla-catalog-ready" once the products are parsed and indexed,
// "app-mounted" once the first view is in the DOM (the app sets the same mark when mounted).

const PAGE_SIZE = 24;
const CART_KEY = 'bench-vanilla-cart';

// Best-match scoring as the app's search index does it (src/domain/search/index.rs): a hit in
// the name counts most, more at the start of a word, then specifications, then description.
const NAME_WEIGHT = 10;
const NAME_WORD_START_BONUS = 5;
const SPEC_WEIGHT = 3;
const DESCRIPTION_WEIGHT = 1;

const SVG_NS = 'http://www.w3.org/2000/svg';
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function appendChildren(node, children) {
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

function html(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return appendChildren(node, children);
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return appendChildren(node, children);
}

// --- Search -------------------------------------------------------------------------------

function searchWords(text) {
  return text.split(/\s+/)
    .map((word) => word.replace(EDGE_PUNCTUATION, '').toLowerCase())
    .filter((word) => word !== '');
}

/** null unless every word occurs in some field; no words matches everything with score 0. */
function score(entry, words) {
  let total = 0;
  for (const word of words) {
    let points = 0;
    const at = entry.name.indexOf(word);
    if (at >= 0) {
      points += NAME_WEIGHT;
      if (at === 0 || !ALPHANUMERIC.test(entry.name[at - 1])) points += NAME_WORD_START_BONUS;
    }
    if (entry.specs.includes(word)) points += SPEC_WEIGHT;
    if (entry.description.includes(word)) points += DESCRIPTION_WEIGHT;
    if (points === 0) return null;
    total += points;
  }
  return total;
}

class Catalog {
  constructor(products) {
    this.products = products;
    this.byId = new Map(products.map((p) => [p.id, p]));
    // Lowercased once, as the app's index is, so a search is substring scans only.
    this.index = products.map((p) => ({
      name: p.name.toLowerCase(),
      specs: p.specs.toLowerCase(),
      description: p.description.toLowerCase(),
    }));
  }

  /** Best match first, then most sold, then catalog order: the app's order. */
  search(text, page = 1) {
    const words = searchWords(text);
    const hits = [];
    for (let i = 0; i < this.products.length; i += 1) {
      const points = score(this.index[i], words);
      if (points !== null) hits.push({ i, points });
    }
    const products = this.products;
    hits.sort((a, b) => b.points - a.points || products[b.i].sold - products[a.i].sold || a.i - b.i);
    const pageCount = Math.max(1, Math.ceil(hits.length / PAGE_SIZE));
    const shown = Math.min(Math.max(page, 1), pageCount);
    return {
      products: hits.slice((shown - 1) * PAGE_SIZE, shown * PAGE_SIZE).map((hit) => products[hit.i]),
      total: hits.length,
      page: shown,
      pageCount,
    };
  }
}

// --- Cart ---------------------------------------------------------------------------------

function loadCart() {
  try {
    const saved = JSON.parse(localStorage.getItem(CART_KEY));
    if (saved && Array.isArray(saved.lines)) return saved;
  } catch {
    // unreadable: start empty, as a fresh page does
  }
  return { version: 1, lines: [] };
}

function itemCount(cart) {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
}

function addToCart(productId, quantity) {
  const cart = loadCart();
  const line = cart.lines.find((l) => l.productId === productId);
  if (line) line.quantity += quantity;
  else cart.lines.push({ productId, quantity });
  localStorage.setItem(CART_KEY, JSON.stringify(cart));
  return cart;
}

function showCartCount(cart) {
  const badge = document.querySelector('[data-testid=cart-count]');
  const count = itemCount(cart);
  badge.textContent = String(count);
  badge.setAttribute('aria-label', `${count} items`);
}

// --- Views --------------------------------------------------------------------------------

function picture(p, uid, label = '') {
  const { primary, accent, pattern } = p.picture;
  const patternId = `pattern-${uid}`;
  let marks;
  if (pattern === 1) marks = svg('rect', { width: 4, height: 8, fill: accent, opacity: 0.35 });
  else if (pattern === 2) marks = svg('circle', { cx: 4, cy: 4, r: 1.6, fill: accent, opacity: 0.45 });
  else marks = svg('rect', { width: 4, height: 4, fill: accent, opacity: 0.3 });
  const labelling = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': 'true' };
  // One outline for every product, where the app draws one per kind of product: the same
  // number of elements to create, give or take one.
  return svg('svg', { class: 'product-picture', viewBox: '0 0 100 100', ...labelling },
    svg('defs', {},
      svg('pattern', { id: patternId, width: 8, height: 8, patternUnits: 'userSpaceOnUse' },
        svg('rect', { width: 8, height: 8, fill: primary }),
        marks)),
    svg('rect', { width: 100, height: 100, fill: '#f4f1ec' }),
    svg('g', { fill: pattern === 0 ? primary : `url(#${patternId})`, stroke: accent, 'stroke-width': 2.5, 'stroke-linejoin': 'round' },
      svg('path', { d: 'M24 20 L76 20 Q84 20 84 28 L84 80 L16 80 L16 28 Q16 20 24 20 Z' })));
}

function stars(p) {
  const glyphs = '\u2605'.repeat(p.stars) + '\u2606'.repeat(5 - p.stars);
  return html('span', { class: 'stars', role: 'img', 'aria-label': `Rated ${p.rating} out of 5 from ${p.ratingCount} ratings` },
    html('span', { class: 'star-glyphs', 'aria-hidden': 'true' }, glyphs),
    html('span', { class: 'star-figure', 'aria-hidden': 'true' }, ` ${p.rating}`),
    html('span', { class: 'star-count', 'aria-hidden': 'true' }, ` (${p.ratingCount})`));
}

function productHref(p) {
  return `catalog.html?product=${encodeURIComponent(p.id)}`;
}

function productCard(p) {
  return html('li', { class: 'product-card', 'data-testid': 'product-card' },
    html('a', { href: productHref(p), class: 'product-card-link' },
      picture(p, `card-${p.id}`),
      html('span', { class: 'product-card-name' }, p.name)),
    html('span', { class: 'price' }, p.price),
    stars(p),
    html('span', { class: 'card-tags' },
      p.freeShipping && html('span', { class: 'tag tag-good' }, 'Free shipping'),
      p.trusted && html('span', { class: 'tag' }, 'Trusted seller'),
      p.soldOut && html('span', { class: 'tag tag-warn' }, 'Sold out'),
      html('span', { class: 'sold' }, `${p.sold} sold`)));
}

/** Built once; each search changes the heading, the count, the cards and the pager. */
class CatalogView {
  constructor() {
    this.heading = html('h1', { id: 'catalog-title', 'data-testid': 'page-title' });
    this.count = html('p', { class: 'result-count', role: 'status', 'data-testid': 'result-count' });
    this.grid = html('ul', { class: 'product-grid' });
    this.pager = html('nav', { class: 'pager', 'aria-label': 'Pages' });
    this.empty = html('div', { class: 'empty', 'data-testid': 'empty-results' },
      html('p', {}, 'No products match your search and filters.'));
    this.root = html('div', { class: 'catalog' },
      html('section', { class: 'catalog-results', 'aria-labelledby': 'catalog-title' },
        html('div', { class: 'page-heading' }, this.heading),
        this.count, this.grid, this.pager, this.empty));
  }

  show(result, text) {
    const trimmed = text.trim();
    const heading = trimmed ? `Results for \u201c${trimmed}\u201d` : 'All products';
    document.title = heading;
    this.heading.textContent = heading;
    this.count.textContent = result.total === 1 ? '1 product' : `${result.total} products`;
    this.grid.replaceChildren(...result.products.map(productCard));
    this.grid.hidden = result.total === 0;
    this.empty.hidden = result.total > 0;
    this.pager.hidden = result.pageCount <= 1;
    const next = new URLSearchParams({ q: trimmed, page: String(result.page + 1) });
    this.pager.replaceChildren(
      html('span', {}, `Page ${result.page} of ${result.pageCount}`),
      result.page < result.pageCount && html('a', { href: `catalog.html?${next}`, rel: 'next' }, 'Next'));
  }
}

function productView(p) {
  const feedback = html('p', { id: 'buy-feedback', role: 'status', class: 'buy-feedback', 'data-testid': 'buy-feedback' });
  const form = html('form', { class: 'buy-form' },
    html('div', { class: 'quantity-row' },
      html('button', { type: 'submit', class: 'button-primary', 'data-testid': 'add-to-cart' }, 'Add to cart')),
    feedback);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showCartCount(addToCart(p.id, 1));
    feedback.replaceChildren('Added to your cart. ', html('a', { href: 'catalog.html' }, 'View cart'));
  });
  document.title = p.name;
  return html('article', { class: 'product-page' },
    html('div', { class: 'product-gallery' }, picture(p, `page-${p.id}`, `Picture of ${p.name}`)),
    html('div', { class: 'product-buy' },
      html('h1', { 'data-testid': 'page-title' }, p.name),
      stars(p),
      html('p', { class: 'price price-large', 'data-testid': 'product-price' }, p.price),
      form));
}

// --- Page ---------------------------------------------------------------------------------

function start(catalog) {
  const main = document.getElementById('main');
  const input = document.querySelector('[data-testid=search-input]');
  let catalogView = null;

  function route() {
    const params = new URLSearchParams(location.search);
    const product = params.has('product') ? catalog.byId.get(params.get('product')) : null;
    if (product) {
      catalogView = null;
      main.replaceChildren(productView(product));
      return;
    }
    const text = params.get('q') ?? '';
    input.value = text;
    if (!catalogView) {
      catalogView = new CatalogView();
      main.replaceChildren(catalogView.root);
    }
    catalogView.show(catalog.search(text, Number(params.get('page') ?? 1) || 1), text);
  }

  // Like the app: the query goes into the URL, so the back button restores it.
  document.getElementById('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    history.pushState(null, '', `catalog.html?q=${encodeURIComponent(input.value.trim())}`);
    route();
  });
  window.addEventListener('popstate', route);

  showCartCount(loadCart());
  route();
}

async function main() {
  const response = await fetch('catalog.json');
  if (!response.ok) throw new Error(`catalog.json: HTTP ${response.status}`);
  const { products } = await response.json();
  const catalog = new Catalog(products);
  performance.mark('vanilla-catalog-ready');
  start(catalog);
  performance.mark('app-mounted');
}

main().catch((error) => {
  document.getElementById('main').textContent = `The benchmark page could not start: ${error.message}`;
  throw error;
});
