// Building DOM without markup strings. h('p', { class: 'note' }, 'text', child) makes an element;
// every string child becomes a text node, so data (names, emails, CSV cells) is shown as typed and
// can never become markup. The console uses no innerHTML, no inline handler and no inline style:
// its Content-Security-Policy (script-src 'self'; style-src 'self') would refuse them anyway.

/**
 * An element. props: class, text, on: { event: handler }, dataset: {...}, and any attribute
 * (aria-*, id, type, for, href...; true sets an empty attribute, false/null leaves it out).
 * Children: strings, numbers, nodes, arrays of them, null (skipped).
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = String(value);
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'hidden' || name === 'selected') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (strings become text nodes; null is skipped; arrays are flattened). */
export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all of parent's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A fresh id for label/for and aria-describedby pairs. */
let counter = 0;
export function uid(prefix = 'c') {
  counter += 1;
  return prefix + '-' + counter;
}
