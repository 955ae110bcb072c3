// The agenda editor: put a contribution in its place by keyboard (Alt+Up, Alt+Down on a
// focused contribution) or by dragging it, within its session or into another. Each move is
// posted to the editor page, which answers 204 or the reason it refused; the page then reloads
// so what is shown is what was saved. The buttons beside each contribution work without script.
(function () {
  "use strict";
  var editor = document.querySelector("[data-editor]");
  if (!editor) {
    return;
  }
  var status = document.querySelector("[data-editor-status]");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var FOCUS_KEY = "lintas-events-focus";

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function move(contribution, session, position) {
    var data = new FormData();
    data.append("action", "move-contribution");
    data.append("contribution", contribution);
    data.append("session", session);
    data.append("position", String(position));
    return fetch(editor.getAttribute("data-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", "X-Requested-With": "fetch" },
    }).then(function (response) {
      if (response.status === 204) {
        sessionStorage.setItem(FOCUS_KEY, contribution);
        window.location.reload();
        return;
      }
      return response.text().then(say);
    });
  }

  function placeOf(item) {
    var list = item.closest("[data-session-list]");
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-contribution]"));
    return { list: list, index: items.indexOf(item), count: items.length };
  }

  editor.addEventListener("keydown", function (event) {
    var item = event.target instanceof Element ? event.target.closest("[data-contribution]") : null;
    if (!item || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) {
      return;
    }
    event.preventDefault();
    var place = placeOf(item);
    var to = place.index + (event.key === "ArrowUp" ? -1 : 1);
    if (to < 0 || to >= place.count) {
      return;
    }
    move(item.getAttribute("data-contribution"), place.list.getAttribute("data-session-list"), to);
  });

  var dragged = null;
  editor.addEventListener("dragstart", function (event) {
    var item = event.target instanceof Element ? event.target.closest("[data-contribution]") : null;
    if (!item) {
      return;
    }
    dragged = item;
    item.classList.add("ev-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-contribution"));
  });
  editor.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("ev-dragging");
    }
    dragged = null;
  });
  editor.addEventListener("dragover", function (event) {
    var list = event.target instanceof Element ? event.target.closest("[data-session-list]") : null;
    if (dragged && list) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    }
  });
  editor.addEventListener("drop", function (event) {
    var list = event.target instanceof Element ? event.target.closest("[data-session-list]") : null;
    if (!dragged || !list) {
      return;
    }
    event.preventDefault();
    var over = event.target.closest("[data-contribution]");
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-contribution]"));
    var position = over ? items.indexOf(over) : items.length;
    if (over && over !== dragged) {
      var box = over.getBoundingClientRect();
      if (event.clientY > box.top + box.height / 2) {
        position += 1;
      }
    }
    var sameList = dragged.closest("[data-session-list]") === list;
    if (sameList && items.indexOf(dragged) < position) {
      position -= 1;
    }
    move(dragged.getAttribute("data-contribution"), list.getAttribute("data-session-list"), position);
  });

  var focus = sessionStorage.getItem(FOCUS_KEY);
  if (focus) {
    sessionStorage.removeItem(FOCUS_KEY);
    var again = editor.querySelector('[data-contribution="' + focus.replace(/[^0-9]/g, "") + '"]');
    if (again) {
      again.focus();
      say(again.querySelector(".ev-ctitle").textContent.trim());
    }
  }
})();
