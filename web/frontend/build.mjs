// Builds the browser assets into web/static/web/build/, so that no page loads anything from a CDN.
//
// The build is a list of steps; each step owns one folder under the build root, which it empties
// and fills again, so a rebuild never leaves stale files behind. Add a step to `steps` for each
// new library or bundle (MapLibre, the esbuild bundles of the pages).
//
//   npm run build
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const nodeModules = join(here, "node_modules");
const buildRoot = resolve(here, "..", "static", "web", "build");

// A step that copies files shipped by npm packages, as they are, into one folder of the build. A file
// is a path under node_modules (copied to the folder's top) or [path, subfolder] to keep files that a
// stylesheet refers to by a relative URL (e.g. images/layers.png) where it looks for them.
function copyFiles(name, folder, files) {
  return {
    name,
    folder,
    run(outDir) {
      for (const entry of files) {
        const [file, subfolder] = Array.isArray(entry) ? entry : [entry, ""];
        const source = join(nodeModules, file);
        if (!existsSync(source)) {
          throw new Error(`${source} is missing: run "npm ci" in web/frontend first`);
        }
        mkdirSync(join(outDir, subfolder), { recursive: true });
        copyFileSync(source, join(outDir, subfolder, basename(file)));
      }
    },
  };
}

// A step that bundles page scripts of src/ (one file or a list) with esbuild (MapLibre stays a separate file).
function bundle(name, folder, entries) {
  return {
    name,
    folder,
    run(outDir) {
      buildSync({
        entryPoints: [].concat(entries).map((entry) => join(here, "src", entry)),
        outdir: outDir,
        bundle: true,
        minify: true,
        sourcemap: true,
        format: "iife",
        target: ["es2020"],
        logLevel: "warning",
      });
    },
  };
}

const steps = [
  copyFiles("MapLibre GL JS", "vendor/maplibre", [
    "maplibre-gl/dist/maplibre-gl.js",
    "maplibre-gl/dist/maplibre-gl.js.map",
    "maplibre-gl/dist/maplibre-gl.css",
    "maplibre-gl/LICENSE.txt",
  ]),
  bundle("the pages' own scripts", "app", [
    "map-view.js",
    "import-page.js",
    "twin-view.js",
    "campaign-area.js",
    "simulation-page.js",
  ]),
  // Leaflet is inlined into the standalone HTML export (folium) so the file opens with no network. Its
  // source map goes along for the manifest static files storage, as for OpenLayers below.
  copyFiles("Leaflet for the standalone HTML export", "vendor/leaflet", [
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.js.map",
    "leaflet/dist/leaflet.css",
    ...["layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"].map(
      (image) => [`leaflet/dist/images/${image}`, "images"],
    ),
    "leaflet/LICENSE",
  ]),
  // OpenLayers' own browser build sets `window.ol`, which Django's gis/js/OLMapWidget.js uses in
  // the admin's map widgets. The source map goes along because the manifest static files storage
  // rewrites the sourceMappingURL comment of ol.js and fails when the map is absent.
  copyFiles("OpenLayers for the admin map widgets", "vendor/ol", [
    "ol/dist/ol.js",
    "ol/dist/ol.js.map",
    "ol/ol.css",
    "ol/LICENSE.md",
  ]),
];

function runStep(step) {
  const outDir = join(buildRoot, step.folder);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  step.run(outDir);
  console.log(`built ${relative(here, outDir)}: ${step.name}`);
}

steps.forEach(runStep);
