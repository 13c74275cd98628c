// The pane's one DOM helper: an element with attributes and children, no framework.
/* global document */

export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attrs, children);
}

/** A custom element (a Fluent UI component such as fluent-button), with attributes and children. */
export function custom(tag: `fluent-${string}`, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  return fill(document.createElement(tag), attrs, children);
}

function fill<E extends HTMLElement>(e: E, attrs: Record<string, string>, children: Child[]): E {
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}
