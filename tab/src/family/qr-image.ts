/* Pure: no DOM, so unit tests can check it. */

/**
 * A family link's QR code, drawn by our server as SVG text, made into something the tab can
 * show without ever inserting that text into the page: an <img> whose source is a
 * data:image/svg+xml address. An SVG shown as an image runs no script and loads nothing else
 * (browsers treat it as a static picture), and the tab's Content-Security-Policy allows
 * `img-src data:` for exactly this kind of image. Text that is not one whole SVG element, or
 * is far larger than a QR code, is not shown at all: the link's address is still there to copy.
 */

/** Larger than any QR code the server draws (a version 10 code is about 40 KB of SVG). */
const MAX_SVG_LENGTH = 200_000;

/** The data: address of the SVG, or undefined when the text is not a plausible SVG image. */
export function qrImageSource(svg: string): string | undefined {
  const text = svg.trim().replace(/^<\?xml[^>]*\?>\s*/, '');
  if (text.length === 0 || text.length > MAX_SVG_LENGTH) return undefined;
  if (!/^<svg[\s>]/.test(text) || !/<\/svg>$/.test(text)) return undefined;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}
