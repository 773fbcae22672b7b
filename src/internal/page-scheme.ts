/**
 * Whether `element` sits on a dark background, read from the page's computed styles: the
 * background colour of the element or of its nearest ancestor (shadow hosts included) that
 * paints one, mostly opaque; when none does, the page's canvas shows, and light inherited
 * text says it is dark. Run once per check (on connect and on a `theme` change), not per frame.
 */
export function isOnDarkBackground(element: Element): boolean {
  // A 2D canvas converts any colour the browser computes (rgb(), oklch(), color(), lab()) to sRGB.
  const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const read = (color: string): Uint8ClampedArray => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    return context.getImageData(0, 0, 1, 1).data;
  };
  // Below mid-grey (#767676, as readable under white text as under black), weighted as the eye does.
  const isDark = ([r, g, b]: Uint8ClampedArray): boolean => r! * 2 + g! * 7 + b! < 1180;
  for (
    let node: Element | undefined = element;
    node;
    node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host
  ) {
    const pixel = read(getComputedStyle(node).backgroundColor);
    if (pixel[3]! > 127) return isDark(pixel);
  }
  return !isDark(read(getComputedStyle(element).color));
}
