// Validates a MapLibre style document against the MapLibre style specification.
//
// The tests run it on the app's /maps/{id}/style.json, so a style the browser would reject
// fails the suite instead of a map page. Reads the style from the file given as the only
// argument, or from stdin; prints one line per error and exits 1 if there is any.
//
//   node scripts/validate-style.mjs style.json
//   curl -s http://127.0.0.1:8000/maps/1/style.json | node scripts/validate-style.mjs
import { readFileSync } from "node:fs";
import { validateStyleMin } from "@maplibre/maplibre-gl-style-spec";

function readStyle(path) {
  const text = readFileSync(path ?? 0, "utf8");
  try {
    return { style: JSON.parse(text) };
  } catch (error) {
    return { errors: [`not JSON: ${error.message}`] };
  }
}

function validationErrors(style) {
  if (style === null || typeof style !== "object" || Array.isArray(style)) {
    return ["a style document is a JSON object"];
  }
  return validateStyleMin(style).map((error) => error.message);
}

const source = process.argv[2];
const { style, errors: parseErrors } = readStyle(source);
const errors = parseErrors ?? validationErrors(style);
for (const message of errors) {
  console.error(`${source ?? "stdin"}: ${message}`);
}
process.exit(errors.length ? 1 : 0);
