/** WCAG 2.x contrast from computed colours, for tests that check what a reader can read. */

/** A colour as sRGB channels 0–255 and alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const context = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
context.globalCompositeOperation = 'copy';

/**
 * Any CSS colour the browser computes (`rgb()`, `oklch()`, `color(srgb …)`, system colours
 * already resolved) as sRGB: the canvas converts it, so no parser of every syntax is needed.
 */
export function parseColor(color: string): Rgba {
  context.fillStyle = 'transparent';
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return { r: r!, g: g!, b: b!, a: a! / 255 };
}

/** `top` painted over the opaque colour `bottom`. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const mix = (upper: number, lower: number) => upper * top.a + lower * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of an opaque colour. */
export function luminance({ r, g, b }: Rgba): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The WCAG contrast ratio (1–21) of two opaque colours. */
export function contrastRatio(first: Rgba, second: Rgba): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The element's parent, crossing out of a shadow root to its host. */
function parentOf(element: Element): Element | null {
  return element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null);
}

/**
 * The opaque colour behind `element`'s content: its own background and every ancestor's,
 * shadow hosts included, painted bottom-up over the page's canvas (`canvas`, white unless given).
 */
export function backgroundBehind(element: Element, canvas: Rgba = parseColor('white')): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = element; node; node = parentOf(node)) {
    const layer = parseColor(getComputedStyle(node).backgroundColor);
    if (layer.a > 0) layers.push(layer);
    if (layer.a === 1) break;
  }
  return layers.reduceRight((below, layer) => composite(layer, below), canvas);
}

/** The contrast of `element`'s text colour against what is behind it. */
export function textContrast(element: Element): number {
  const background = backgroundBehind(element);
  return contrastRatio(composite(parseColor(getComputedStyle(element).color), background), background);
}

/**
 * The contrast of `element`'s focus ring (its outline) against the background around it: an
 * outline sits outside the element's box, so it is measured against the parent's background.
 */
export function focusRingContrast(element: Element): number {
  const style = getComputedStyle(element);
  if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) return 1;
  const background = backgroundBehind(parentOf(element)!);
  return contrastRatio(composite(parseColor(style.outlineColor), background), background);
}
