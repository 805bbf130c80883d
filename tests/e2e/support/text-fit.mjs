// Whether a box shows its text whole: the width the text takes in the box's own font, against
// the room inside the box. For a text box, its placeholder while it is empty, less 4 px: a
// placeholder measured 1 px narrower than its box was still cut in Chromium. For a select,
// the chosen option, less about 20 px for the select's own arrow. Both are allowances, not
// measures.

import assert from 'node:assert/strict';

/** `boxes`: { name: selector }. Returns { name: { text, room } } in CSS pixels. */
export async function textRoom(page, boxes) {
  return page.evaluate((selectors) => {
    const ARROW = 20;
    const CARET = 4;
    const context = document.createElement('canvas').getContext('2d');
    const textWidth = (element, text, pseudo) => {
      const style = getComputedStyle(element, pseudo);
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return Math.ceil(context.measureText(text).width);
    };
    const inner = (element) => {
      const style = getComputedStyle(element);
      return element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    };
    const measured = {};
    for (const [name, selector] of Object.entries(selectors)) {
      const box = document.querySelector(selector);
      if (!box) throw new Error(`${name}: nothing matches ${selector}`);
      if (box.tagName === 'SELECT') {
        measured[name] = { text: textWidth(box, box.selectedOptions[0].text), room: inner(box) - ARROW };
      } else if (box.value === '') {
        measured[name] = { text: textWidth(box, box.placeholder, '::placeholder'), room: inner(box) - CARET };
      } else {
        measured[name] = { text: textWidth(box, box.value), room: inner(box) - CARET };
      }
    }
    return measured;
  }, boxes);
}

/** Fails unless every box measured by `textRoom` has room for its text; reports the widths. */
export async function assertTextFits(page, boxes, t) {
  const room = await textRoom(page, boxes);
  t.diagnostic(`text widths: ${JSON.stringify(room)}`);
  for (const [name, { text, room: space }] of Object.entries(room)) {
    assert.ok(text <= space, `the ${name} reads whole: ${text}px of text in ${space}px`);
  }
}
