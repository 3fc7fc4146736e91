// xent keeper: the lecturer's key to a class-game room, kept in this tab's sessionStorage
// (never in the link), handed back once when the tab shows that room's join form again
// (after a reload, or on another replica). See keeper.py. Nothing is drawn or inserted.

const KEEPER_ITEM = "xent.game.lecturer";
const recalled = new WeakMap(); // element → the room code already handed back from it

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage blocked: the lecturer pastes the token instead
  }
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const store = storage();
  if (!data || !store) return;
  if (data.mode === "keep" && typeof data.code === "string" && typeof data.token === "string") {
    store.setItem(KEEPER_ITEM, JSON.stringify({ code: data.code, token: data.token }));
    recalled.delete(parentElement);
  } else if (data.mode === "forget") {
    store.removeItem(KEEPER_ITEM);
  } else if (data.mode === "recall" && recalled.get(parentElement) !== data.code) {
    let kept = null;
    try {
      kept = JSON.parse(store.getItem(KEEPER_ITEM) || "null");
    } catch {
      store.removeItem(KEEPER_ITEM);
    }
    if (kept && kept.code === data.code && typeof kept.token === "string") {
      recalled.set(parentElement, data.code); // once: a refusal is not retried in a loop
      setTriggerValue("recall", kept.token);
    }
  }
}
