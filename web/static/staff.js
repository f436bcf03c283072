/* Care team inbox: lists escalations, opens transcripts, acknowledges and resolves.
   Every value from the server is set with textContent, never as HTML.

   The list: every unresolved emergency and urgent escalation (the server always sends
   all of them), then the others a page at a time ("Load more"). Patients' messages come
   shortened; the full text is fetched when a row is opened or "Show full message" is
   pressed. */
(function () {
  "use strict";

  var refreshMs = Math.max(2, Number(document.body.dataset.refreshSeconds) || 5) * 1000;
  var PAGE_SIZE = 50;
  var rows = document.getElementById("rows");
  var empty = document.getElementById("empty");
  var updated = document.getElementById("updated");
  var announce = document.getElementById("announce");
  var errorBox = document.getElementById("error");
  var filter = document.getElementById("filter");
  var totalsList = document.getElementById("totals");
  var shown = document.getElementById("shown");
  var loadMore = document.getElementById("load-more");
  var transcript = document.getElementById("transcript");
  var transcriptTitle = document.getElementById("transcript-title");
  var transcriptId = document.getElementById("transcript-id");
  var transcriptMessages = document.getElementById("transcript-messages");
  var LEVEL_NAMES = { emergency: "Emergency", urgent: "Urgent", contact_request: "Contact request",
                      data_deletion: "Deletion request" };

  var lastJson = null;
  var knownCounts = null; // escalation id -> repeat_count at the last refresh
  var openConversation = null;
  // The list as last received: the unresolved emergency and urgent escalations, and the
  // others seen so far (first page and pages loaded with "Load more"), by id.
  var active = [];
  var others = {};
  var restTotal = 0;
  var moreCursor = null; // where "Load more" goes on
  var loadedMore = false;
  var fullTexts = {}; // escalation id -> {patient_message, last_message} in full

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function api(path, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = Object.assign({ Accept: "application/json", "X-Requested-With": "ivig-staff" },
                                    options.headers || {});
    return fetch(path, options).then(function (response) {
      if (response.status === 401) {
        window.location.reload(); // signed out: the page shows the sign-in form
        throw new Error("signed out");
      }
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error || ("HTTP " + response.status));
        return body;
      });
    });
  }

  function listPath(extra) {
    var params = new URLSearchParams({ page_size: String(PAGE_SIZE) });
    if (filter.value) params.set("status", filter.value);
    Object.keys(extra || {}).forEach(function (name) { params.set(name, extra[name]); });
    return "/api/escalations?" + params.toString();
  }

  function agoText(iso) {
    var minutes = Math.round((Date.now() - new Date(iso).getTime()) / 60000);
    return minutes < 1 ? "just now" : minutes < 60 ? minutes + " min ago"
      : minutes < 1440 ? Math.round(minutes / 60) + " h ago" : Math.round(minutes / 1440) + " d ago";
  }

  function timeCell(iso) {
    var cell = el("td", { "data-label": "Time", class: "time" });
    if (!iso) return cell;
    var when = new Date(iso);
    cell.appendChild(el("time", { datetime: iso, title: when.toString() },
                        when.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })));
    cell.appendChild(el("span", { class: "ago" }, agoText(iso)));
    return cell;
  }

  function updateAges() {
    rows.querySelectorAll("td.time time").forEach(function (time) {
      time.nextSibling.textContent = agoText(time.getAttribute("datetime"));
    });
  }

  function describe(item) {
    return item.red_flag_labels.length ? item.red_flag_labels.join("; ") : item.reason;
  }

  // An item with its full messages, once they have been fetched.
  function withFullText(item) {
    var full = fullTexts[item.id];
    return full ? Object.assign({}, item, full, { message_truncated: false, last_message_truncated: false }) : item;
  }

  // One escalation per episode: a repeated report shows how often and its latest words.
  function messageCell(item) {
    var cell = el("td", { "data-label": "Patient message", class: "message" },
                  item.patient_message + (item.message_truncated ? "…" : ""));
    if (item.repeat_count > 1) {
      var repeat = el("span", { class: "repeat" });
      repeat.appendChild(el("strong", {}, "Reported " + item.repeat_count + " times"));
      repeat.appendChild(el("span", { class: "latest" },
                            "Latest: " + item.last_message + (item.last_message_truncated ? "…" : "")));
      cell.appendChild(repeat);
    }
    if (item.message_truncated || (item.repeat_count > 1 && item.last_message_truncated)) {
      var more = actionButton("expand", item, "Show full message");
      more.classList.add("secondary", "expand");
      cell.appendChild(more);
    }
    return cell;
  }

  function actionButton(action, item, label, spoken) {
    return el("button", { type: "button", "data-action": action, "data-id": String(item.id),
                          "data-key": action + "-" + item.id,
                          "aria-label": (spoken || label) + ", escalation " + item.id }, label);
  }

  function latestFirst(a, b) {
    return a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : b.id - a.id;
  }

  function listed() {
    var activeIds = {};
    active.forEach(function (item) { activeIds[item.id] = true; });
    var rest = Object.keys(others).map(function (id) { return others[id]; })
      .filter(function (item) { return !activeIds[item.id]; }).sort(latestFirst);
    return active.concat(rest).map(withFullText);
  }

  function renderRows(items) {
    var focusedKey = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.key : null;
    rows.replaceChildren();
    items.forEach(function (item) {
      var tr = el("tr", { class: "level-" + item.level + " status-" + item.status });
      var time = timeCell(item.created_at);
      var level = el("td", { "data-label": "Level" });
      level.appendChild(el("span", { class: "badge badge-" + item.level }, LEVEL_NAMES[item.level] || item.level));
      var actions = el("td", { "data-label": "Actions", class: "actions" });
      actions.appendChild(actionButton("view", item, "View chat", "View conversation"));
      if (item.status === "open") actions.appendChild(actionButton("acknowledge", item, "Acknowledge"));
      if (item.status !== "resolved") actions.appendChild(actionButton("resolve", item, "Resolve"));
      tr.append(time, level,
                el("td", { "data-label": "Red flags or reason" }, describe(item)),
                messageCell(item),
                el("td", { "data-label": "Status", class: "status" }, item.status),
                actions);
      tr.dataset.conversation = item.conversation_id;
      tr.dataset.label = item.conversation_label || item.conversation_id;
      tr.dataset.id = String(item.id);
      rows.appendChild(tr);
    });
    empty.hidden = items.length > 0;
    if (focusedKey) {
      var again = rows.querySelector('[data-key="' + focusedKey + '"]');
      if (again) again.focus();
    }
  }

  function render(force) {
    var items = listed();
    var json = JSON.stringify(items);
    if (force || json !== lastJson) {
      lastJson = json;
      renderRows(items);
    } else {
      updateAges();
    }
    shown.textContent = "Showing " + items.length + " of " + (active.length + restTotal) +
      (filter.value ? " " + filter.value : "") + " escalations";
    loadMore.hidden = !moreCursor;
    return items;
  }

  function renderTotals(totals) {
    totalsList.replaceChildren();
    Object.keys(totals.by_level_and_status).forEach(function (level) {
      var counts = totals.by_level_and_status[level];
      if (!counts.open && !counts.acknowledged) return;
      var parts = [counts.open + " open"];
      if (counts.acknowledged) parts.push(counts.acknowledged + " acknowledged");
      var entry = el("li", { class: (level === "emergency" || level === "urgent") && counts.open ? "alarm" : "" });
      entry.appendChild(el("strong", {}, (LEVEL_NAMES[level] || level) + ": "));
      entry.appendChild(document.createTextNode(parts.join(", ")));
      totalsList.appendChild(entry);
    });
    totalsList.appendChild(el("li", {}, "Resolved: " + totals.by_status.resolved));
    totalsList.appendChild(el("li", {}, "In all: " + totals.all));
  }

  function announceChanges(items) {
    var counts = {};
    items.forEach(function (item) { counts[item.id] = item.repeat_count || 1; });
    if (knownCounts) {
      var fresh = items.filter(function (item) { return !(item.id in knownCounts); });
      var again = items.filter(function (item) {
        return item.id in knownCounts && counts[item.id] > knownCounts[item.id];
      });
      if (fresh.length) {
        announce.textContent = fresh.length === 1
          ? "New " + (LEVEL_NAMES[fresh[0].level] || fresh[0].level).toLowerCase() + " escalation"
          : fresh.length + " new escalations";
      } else if (again.length) {
        announce.textContent = again.length === 1
          ? "Escalation " + again[0].id + " reported again"
          : again.length + " escalations reported again";
      }
    }
    knownCounts = counts;
  }

  function refresh() {
    return api(listPath()).then(function (body) {
      errorBox.textContent = "";
      active = body.escalations.slice(0, body.active_count);
      body.escalations.slice(body.active_count).forEach(function (item) { others[item.id] = item; });
      restTotal = body.paging.rest_total;
      if (!loadedMore) moreCursor = body.paging.next_before;
      announceChanges(render(false));
      renderTotals(body.totals);
      var open = body.totals.by_status.open;
      document.title = (open ? "(" + open + ") " : "") + "Care team inbox – IVIG assistant";
      updated.textContent = "Updated " + new Date().toLocaleTimeString() + " · refreshes every " +
        refreshMs / 1000 + " s";
    }).catch(function (error) {
      if (error.message !== "signed out") errorBox.textContent = "Could not load escalations: " + error.message;
    });
  }

  loadMore.addEventListener("click", function () {
    if (!moreCursor) return;
    loadMore.disabled = true;
    api(listPath({ before: moreCursor })).then(function (body) {
      body.escalations.forEach(function (item) {
        others[item.id] = item;
        if (knownCounts) knownCounts[item.id] = item.repeat_count || 1; // older, not new
      });
      moreCursor = body.paging.next_before;
      loadedMore = true;
      render(false);
      announce.textContent = body.escalations.length + " more escalations shown";
    }).catch(function (error) {
      if (error.message !== "signed out") errorBox.textContent = "Could not load more escalations: " + error.message;
    }).then(function () { loadMore.disabled = false; });
  });

  // The patient's messages in full, fetched once per escalation when they were shortened.
  function fetchFullText(id) {
    if (fullTexts[id]) return Promise.resolve();
    return api("/api/escalations/" + encodeURIComponent(id)).then(function (body) {
      fullTexts[id] = { patient_message: body.escalation.patient_message,
                        last_message: body.escalation.last_message };
      render(true);
    });
  }

  function showTranscript(conversationId, label) {
    openConversation = conversationId;
    transcript.dataset.conversationId = conversationId; // handoff.js goes live on it
    transcript.hidden = false;
    transcriptId.textContent = "Conversation " + (label || conversationId);
    transcriptMessages.replaceChildren(el("li", { class: "muted" }, "Loading…"));
    transcriptTitle.focus();
    api("/api/conversations/" + encodeURIComponent(conversationId) + "/transcript").then(function (body) {
      if (openConversation !== conversationId) return;
      transcriptMessages.replaceChildren();
      body.messages.forEach(function (message) {
        var item = el("li", { class: "from-" + message.sender });
        item.appendChild(el("span", { class: "sender" },
                            message.sender === "patient" ? "Patient" : message.sender === "assistant" ? "Assistant" : ""));
        item.appendChild(el("p", {}, message.text));
        if (message.timestamp) {
          item.appendChild(el("time", { datetime: new Date(message.timestamp * 1000).toISOString() },
                              new Date(message.timestamp * 1000).toLocaleTimeString()));
        }
        transcriptMessages.appendChild(item);
      });
      if (!body.messages.length) transcriptMessages.appendChild(el("li", { class: "muted" }, "No messages."));
    }).catch(function (error) {
      transcriptMessages.replaceChildren(el("li", { class: "error" }, "Could not load the conversation: " + error.message));
    });
  }

  rows.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var id = button.dataset.id;
    var row = button.closest("tr");
    if (button.dataset.action === "view" || button.dataset.action === "expand") {
      var shortened = row.querySelector('[data-action="expand"]');
      if (shortened) {
        fetchFullText(id).then(function () {
          // The button is gone with the full text: keep the keyboard in the same row.
          var view = rows.querySelector('[data-key="view-' + id + '"]');
          if (button.dataset.action === "expand" && view) view.focus();
        }).catch(function (error) {
          if (error.message !== "signed out") errorBox.textContent = "Could not load the full message: " + error.message;
        });
      }
      if (button.dataset.action === "view") showTranscript(row.dataset.conversation, row.dataset.label);
      return;
    }
    button.disabled = true;
    api("/api/escalations/" + encodeURIComponent(id) + "/" + button.dataset.action, { method: "POST" })
      .then(function (body) {
        announce.textContent = "Escalation " + id + " " +
          (button.dataset.action === "acknowledge" ? "acknowledged" : "resolved");
        // Kept in its place once resolved, even if older than the pages loaded so far.
        if (!filter.value || filter.value === body.escalation.status) others[id] = body.escalation;
        else delete others[id];
        lastJson = null;
        return refresh();
      })
      .then(function () {
        // The button is gone after its action: keep the keyboard in the same row.
        var next = rows.querySelector('[data-key="resolve-' + id + '"]') ||
          rows.querySelector('[data-key="view-' + id + '"]');
        if (next && !document.activeElement.closest("tbody")) next.focus();
      })
      .catch(function (error) {
        button.disabled = false;
        errorBox.textContent = "Could not update escalation " + id + ": " + error.message;
      });
  });

  document.getElementById("close-transcript").addEventListener("click", function () {
    transcript.hidden = true;
    var back = openConversation && rows.querySelector('tr[data-conversation="' + CSS.escape(openConversation) + '"] [data-action="view"]');
    openConversation = null;
    if (back) back.focus();
  });

  filter.addEventListener("change", function () {
    lastJson = null; knownCounts = null; others = {}; moreCursor = null; loadedMore = false;
    refresh();
  });

  refresh();
  window.setInterval(function () { if (!document.hidden) refresh(); }, refreshMs);
})();
