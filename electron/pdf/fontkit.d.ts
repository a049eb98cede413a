/** The little of fontkit (pdfkit's own font engine) the renderer touches: parse a font once. */
declare module 'fontkit' {
  export interface Font {
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
