// The 공감 ("I agree") line of a popup: how many people agree and, for a signed-in reader, a
// button that adds or takes back their own vote (POST or DELETE /api/v1/features/{id}/vote).
/* global gettext */
import { h } from "./dom.js";
import { votesLabel } from "./words.js";

function loginLink(context) {
  return h("a", { href: context.loginUrl, class: "popup-login" }, [gettext("Log in to agree")]);
}

// `feature` is {id, properties, loaded}; `onVoted({votes, voted})` runs after the server answered.
export function voteLine(context, api, feature, { onVoted, onError }) {
  const countId = `popup-votes-${feature.id}`;
  const count = h("span", { class: "popup-vote-count", id: countId }, [votesLabel(feature.properties.votes)]);
  const line = h("p", { class: "popup-votes" }, [count]);
  if (context.readOnly) return line;
  if (!context.user) {
    line.append(" ", loginLink(context));
    return line;
  }
  // Only others' published reports take votes; the tile's properties do not say whose a report is.
  if (!feature.loaded || feature.properties.mine || feature.properties.status !== "published") return line;
  const voted = Boolean(feature.properties.voted);
  const button = h("button", { type: "button", class: "popup-vote", "aria-pressed": String(voted), "aria-describedby": countId }, [
    gettext("Agree"),
  ]);
  button.addEventListener("click", async () => {
    button.disabled = true;
    const path = `features/${feature.id}/vote`;
    try {
      const { data } = await (button.getAttribute("aria-pressed") === "true" ? api.delete(path) : api.post(path));
      button.setAttribute("aria-pressed", String(data.voted));
      count.textContent = votesLabel(data.votes);
      onVoted(data);
    } catch (error) {
      onError(error);
    } finally {
      button.disabled = false;
    }
  });
  line.append(" ", button);
  return line;
}
