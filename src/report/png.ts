/**
 * SVG → PNG with resvg (a Rust renderer shipped as an npm binary). resvg draws text only with fonts it is given,
 * so the DejaVu Sans TTF files from the `dejavu-fonts-ttf` npm package are passed explicitly and system fonts are
 * not used: the same PNG on every machine.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

export function svgToPng(svg: string, { width }: { width?: number } = {}): Buffer {
  const r = new Resvg(svg, {
    font: {
      fontFiles: [join(fontDir, "DejaVuSans.ttf"), join(fontDir, "DejaVuSans-Bold.ttf")],
      loadSystemFonts: false,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
    background: "white",
    ...(width ? { fitTo: { mode: "width" as const, value: width } } : {}),
  });
  return r.render().asPng();
}
