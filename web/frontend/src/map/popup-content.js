// What a feature's popup says: title, category, status, summary, photos, 공감 and the ways on
// (the report page, and "Edit" for the reader's own report). Built from the tile's few
// properties first, then again from the API's full feature. Every user text goes in as text.
/* global gettext */
import { h } from "./dom.js";
import { editButton, reportLink } from "./feature-actions.js";
import { voteLine } from "./votes.js";
import { stageLabel } from "../context.js";
import { categoryBadge, statusLabel } from "./words.js";

function photoList(photos, title) {
  if (!photos || !photos.length) return null;
  const items = photos.map((photo) =>
    h("li", {}, [
      h("a", { href: photo.url, target: "_blank", rel: "noopener" }, [
        h("img", { src: photo.thumbnail, alt: photo.caption || title, loading: "lazy" }),
      ]),
    ]),
  );
  return h("ul", { class: "popup-photos" }, items);
}

function links(context, feature, close) {
  return h("p", { class: "popup-links" }, [
    reportLink(context, feature.id, [gettext("Open the report page")]),
    editButton(context, feature, { className: "popup-edit", before: close }),
  ]);
}

// Replaces the children of `article` with the popup of `feature` ({id, properties, loaded}).
// `actions`: {close(), onVoted(result), message} — message is an error to show, if any.
export function fillPopup(article, context, api, feature, actions) {
  const { properties } = feature;
  const titleId = `popup-title-${feature.id}`;
  const error = h("p", { class: "popup-error", role: "alert" }, actions.message ? [actions.message] : []);
  article.setAttribute("aria-labelledby", titleId);
  article.replaceChildren(
    ...[
      h("h2", { class: "popup-title", id: titleId }, [properties.title]),
      h("p", { class: "popup-meta" }, [
        categoryBadge(context, properties.layer, properties.category),
        h("span", { class: "popup-status" }, [statusLabel(properties.status)]),
        properties.handling && h("span", { class: "popup-stage" }, [stageLabel(properties.handling.stage)]),
      ]),
      properties.location_blurred &&
        h("p", { class: "popup-note" }, [gettext("The place is shown roughly, to protect the people who reported it.")]),
      feature.loaded
        ? properties.summary && h("p", { class: "popup-summary" }, [properties.summary])
        : !actions.message && h("p", { class: "popup-loading" }, [gettext("Loading the details…")]),
      photoList(properties.photos, properties.title),
      voteLine(context, api, feature, {
        onVoted: actions.onVoted,
        onError: (failure) => {
          error.textContent = failure.message;
        },
      }),
      links(context, feature, actions.close),
      error,
    ].filter(Boolean),
  );
}
