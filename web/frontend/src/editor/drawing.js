// The drawing surface of the editor: terra-draw on the MapLibre map, holding at most one shape (the
// report's point, line or area). Draw modes add it by click or tap; once finished it is handed over
// to the select mode, where its vertices move and the whole shape drags. Keyboard placement and the
// restore of a half-drawn shape send the same pointer events a tap sends, at a chosen screen point.
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
} from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";

export const KINDS = ["Point", "LineString", "Polygon"];
const MODE_OF_KIND = { Point: "point", LineString: "linestring", Polygon: "polygon" };
const PRECISION = 9;
const INK = "#1f5fbf";
const HALO = "#ffffff";

const EDITABLE = { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } };

function createModes() {
  return [
    new TerraDrawPointMode({
      styles: { pointColor: INK, pointWidth: 8, pointOutlineColor: HALO, pointOutlineWidth: 2 },
    }),
    new TerraDrawLineStringMode({
      keyEvents: { cancel: null, finish: null },
      styles: { lineStringColor: INK, lineStringWidth: 4, closingPointColor: INK, closingPointWidth: 7 },
    }),
    new TerraDrawPolygonMode({
      keyEvents: { cancel: null, finish: null },
      styles: {
        fillColor: INK,
        fillOpacity: 0.25,
        outlineColor: INK,
        outlineWidth: 3,
        closingPointColor: INK,
        closingPointWidth: 7,
        closingPointOutlineColor: HALO,
        closingPointOutlineWidth: 2,
      },
    }),
    new TerraDrawSelectMode({
      keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
      flags: {
        point: { feature: { draggable: true } },
        linestring: { feature: EDITABLE },
        polygon: { feature: EDITABLE },
      },
      styles: {
        selectedPolygonColor: INK,
        selectedPolygonOutlineColor: "#f0a202",
        selectedLineStringColor: "#f0a202",
        selectedPointColor: "#f0a202",
        selectedPointWidth: 9,
        selectionPointWidth: 8,
        selectionPointColor: "#f0a202",
        selectionPointOutlineColor: HALO,
        selectionPointOutlineWidth: 2,
        midPointWidth: 6,
        midPointColor: HALO,
        midPointOutlineColor: INK,
        midPointOutlineWidth: 2,
      },
    }),
  ];
}

function round(value) {
  return Array.isArray(value) ? value.map(round) : Number(value.toFixed(PRECISION));
}

function kindOfMode(mode) {
  return KINDS.find((kind) => MODE_OF_KIND[kind] === mode);
}

// The vertices placed so far on a shape being drawn: its coordinates without the one following
// the pointer (and, for an area, without the ring's closing copy of the first vertex).
function committedVertices(feature) {
  const { geometry, properties } = feature;
  const all = geometry.type === "Polygon" ? geometry.coordinates[0] : geometry.coordinates;
  const count = properties.committedCoordinateCount ?? all.length - (geometry.type === "Polygon" ? 2 : 1);
  return all.slice(0, Math.max(0, count));
}

export class Drawing {
  // `handlers`: finished(geometry) when a shape is drawn, edited(geometry) when it was moved or
  // reshaped, changed() on any change (drafts), selected(isSelected).
  constructor(map, handlers) {
    this.map = map;
    this.handlers = handlers;
    this.shapeId = null;
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION }),
      modes: createModes(),
      undoRedo: { modeLevel: new TerraDrawModeUndoRedo() },
    });
  }

  start() {
    this.draw.start();
    this.draw.setMode("select");
    this.draw.on("finish", (id, context) => this.finished(id, context));
    this.draw.on("change", () => this.handlers.changed());
    this.draw.on("select", () => this.handlers.selected(true));
    this.draw.on("deselect", () => this.handlers.selected(false));
  }

  finished(id, context) {
    if (context.mode === "select") {
      this.handlers.edited(this.geometry());
      return;
    }
    this.shapeId = id;
    // Leave the draw mode after terra-draw is done with the event that finished the shape.
    setTimeout(() => {
      this.draw.setMode("select");
      this.handlers.finished(this.geometry());
    });
  }

  // Starts drawing a new shape of `kind`; any earlier shape must have been removed first.
  drawKind(kind) {
    this.draw.setMode(MODE_OF_KIND[kind]);
  }

  // Leaves a draw mode; a shape that was not finished disappears.
  stopDrawing() {
    this.draw.setMode("select");
  }

  geometry() {
    const feature = this.shapeId === null ? undefined : this.draw.getSnapshotFeature(this.shapeId);
    return feature ? feature.geometry : null;
  }

  // Shows `geometry` (GeoJSON) as the shape, or removes the shape when it is null.
  setGeometry(geometry) {
    this.draw.setMode("select");
    this.draw.clear();
    this.shapeId = null;
    if (!geometry) return true;
    const id = this.draw.getFeatureId();
    const mode = MODE_OF_KIND[geometry.type];
    const geometryRounded = { type: geometry.type, coordinates: round(geometry.coordinates) };
    const [result] = this.draw.addFeatures([{ id, type: "Feature", geometry: geometryRounded, properties: { mode } }]);
    if (!result || !result.valid) return false;
    this.shapeId = id;
    return true;
  }

  setSelected(selected) {
    if (this.shapeId === null) return;
    if (selected) this.draw.selectFeature(this.shapeId);
    else this.draw.deselectFeature(this.shapeId);
  }

  // The shape being drawn, as {kind, vertices}, or null when nothing is being drawn.
  inProgress() {
    const kind = kindOfMode(this.draw.getMode());
    if (!kind) return null;
    const feature = this.draw.getSnapshot().find((candidate) => candidate.properties.currentlyDrawing);
    return { kind, vertices: feature ? committedVertices(feature) : [] };
  }

  canUndoVertex() {
    return this.draw.canUndo();
  }

  undoVertex() {
    this.draw.undo();
  }

  // A tap or click at (x, y), in pixels from the map's top left corner.
  tapAt({ x, y }) {
    const canvas = this.map.getCanvas();
    const box = canvas.getBoundingClientRect();
    const init = {
      bubbles: true,
      cancelable: true,
      isPrimary: true,
      pointerId: 1,
      pointerType: "mouse",
      button: 0,
      clientX: box.left + x,
      clientY: box.top + y,
    };
    canvas.dispatchEvent(new PointerEvent("pointerdown", init));
    canvas.dispatchEvent(new PointerEvent("pointerup", init));
  }

  // Places a point, or the next vertex of a line or an area, under the map's centre.
  placeAtCentre() {
    const canvas = this.map.getCanvas();
    this.tapAt({ x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 });
  }

  // Finishes a line or an area the way a user does: a second tap on the last vertex placed.
  finishShape() {
    const drawing = this.inProgress();
    if (!drawing || drawing.vertices.length < (drawing.kind === "Polygon" ? 3 : 2)) return false;
    this.tapAt(this.map.project(drawing.vertices[drawing.vertices.length - 1]));
    return true;
  }

  // Draws again the vertices of a half-drawn shape (from a draft) in the draw mode of its kind.
  replay({ kind, vertices }) {
    this.drawKind(kind);
    for (const vertex of vertices) this.tapAt(this.map.project(vertex));
  }
}
