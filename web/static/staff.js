/* Care team inbox: lists escalations, opens transcripts, acknowledges and resolves,
   notes and reopens (each change kept, with who and when, in the escalation's history);
   admins add and disable accounts. Every value from the server is set with textContent,
   never as HTML.

   Deadlines: each escalation has due_at; one still open and unacknowledged past it is
   overdue, listed first (the server orders them) and shown in red with how late it is.

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
  var caseBox = document.getElementById("case");
  var caseTitle = document.getElementById("case-title");
  var caseDeadline = document.getElementById("case-deadline");
  var caseHistory = document.getElementById("case-history");
  var caseError = document.getElementById("case-error");
  var noteForm = document.getElementById("note-form");
  var noteText = document.getElementById("note-text");
  var resolveBox = document.getElementById("resolve-box");
  var outcome = document.getElementById("outcome");
  var caseReopen = document.getElementById("case-reopen");
  var ACTION_NAMES = { acknowledged: "Acknowledged", note: "Note", resolved: "Resolved", reopened: "Reopened" };
  var OUTCOME_NAMES = { advice_given: "advice given", seen_in_clinic: "seen in clinic",
                        sent_to_emergency: "sent to emergency", no_answer: "no answer", other: "other" };
  var clockSkew = 0; // the server's clock minus this browser's, from the last list
  var openCase = null; // the escalation shown with the conversation
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

  function minutesText(minutes) {
    return minutes < 60 ? minutes + " min" : Math.floor(minutes / 60) + " h " + (minutes % 60) + " min";
  }

  // "Overdue by 12 min" or "9 min left" while it waits for an acknowledgement; "" after.
  function deadlineText(item) {
    if (!item.due_at || item.seconds_left === null || item.seconds_left === undefined) return "";
    var left = (new Date(item.due_at).getTime() - (Date.now() + clockSkew)) / 1000;
    if (left < 0) return "Overdue by " + minutesText(Math.max(1, Math.round(-left / 60)));
    return minutesText(Math.max(0, Math.floor(left / 60))) + " left";
  }

  function isLate(item) {
    return item.overdue || (deadlineText(item).indexOf("Overdue") === 0);
  }

  function updateAges() {
    rows.querySelectorAll("td.time time").forEach(function (time) {
      time.nextSibling.textContent = agoText(time.getAttribute("datetime"));
    });
    rows.querySelectorAll("td.time .due").forEach(function (due) {
      var item = active.concat(Object.keys(others).map(function (id) { return others[id]; }))
        .filter(function (candidate) { return String(candidate.id) === due.dataset.id; })[0];
      if (!item) return;
      due.textContent = deadlineText(item);
      due.classList.toggle("late", isLate(item));
      due.closest("tr").classList.toggle("overdue", isLate(item));
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

  function statusCell(item) {
    return el("td", { "data-label": "Status", class: "status" }, item.status);
  }

  // Who acknowledged or resolved it, under the row's buttons.
  function byLine(item) {
    if (item.status === "resolved" && item.resolved_by) return "Resolved by " + item.resolved_by;
    if (item.acknowledged_by) return "Acknowledged by " + item.acknowledged_by;
    return "";
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
      var tr = el("tr", { class: "level-" + item.level + " status-" + item.status + (isLate(item) ? " overdue" : "") });
      var time = timeCell(item.created_at);
      var due = deadlineText(item);
      if (due) time.appendChild(el("span", { class: "due" + (isLate(item) ? " late" : ""), "data-id": String(item.id) }, due));
      var level = el("td", { "data-label": "Level" });
      level.appendChild(el("span", { class: "badge badge-" + item.level }, LEVEL_NAMES[item.level] || item.level));
      var actions = el("td", { "data-label": "Actions", class: "actions" });
      actions.appendChild(actionButton("view", item, "View chat", "View conversation"));
      if (item.status === "open") actions.appendChild(actionButton("acknowledge", item, "Acknowledge"));
      if (item.status !== "resolved") actions.appendChild(actionButton("resolve", item, "Resolve"));
      if (byLine(item)) actions.appendChild(el("span", { class: "by" }, byLine(item)));
      tr.append(time, level,
                el("td", { "data-label": "Red flags or reason" }, describe(item)),
                messageCell(item),
                statusCell(item),
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
    // The seconds left change at every refresh: updateAges shows them without redrawing.
    var json = JSON.stringify(items, function (key, value) { return key === "seconds_left" ? undefined : value; });
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
      if (body.now) clockSkew = new Date(body.now).getTime() - Date.now();
      active = body.escalations.slice(0, body.active_count);
      body.escalations.slice(body.active_count).forEach(function (item) { others[item.id] = item; });
      restTotal = body.paging.rest_total;
      if (!loadedMore) moreCursor = body.paging.next_before;
      announceChanges(render(false));
      renderTotals(body.totals);
      var open = body.totals.by_status.open;
      document.title = (body.overdue_count ? "(" + body.overdue_count + " overdue) " : open ? "(" + open + ") " : "") +
        "Care team inbox – IVIG assistant";
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
      if (button.dataset.action === "view") {
        showTranscript(row.dataset.conversation, row.dataset.label);
        showCase(id);
      }
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
        if (openCase === id) renderCase(body.escalation);
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

  // ------------------------------------------------------------ one escalation's history

  function renderCase(item) {
    caseBox.hidden = false;
    caseError.textContent = "";
    caseTitle.textContent = (LEVEL_NAMES[item.level] || item.level) + " escalation " + item.id + " · " + item.status;
    var due = deadlineText(item);
    caseDeadline.textContent = due ? due + " (due " + new Date(item.due_at).toLocaleTimeString() + ")" : "";
    caseDeadline.classList.toggle("late", isLate(item));
    caseHistory.replaceChildren();
    caseHistory.appendChild(el("li", { class: "muted" }, "Reported " + new Date(item.created_at).toLocaleString()));
    (item.history || []).forEach(function (event) {
      var entry = el("li", { class: "event-" + event.action });
      var head = (ACTION_NAMES[event.action] || event.action) +
        (event.outcome ? " (" + (OUTCOME_NAMES[event.outcome] || event.outcome) + ")" : "") +
        " · " + event.staff_user + " · " + new Date(event.at).toLocaleString();
      entry.appendChild(el("strong", {}, head));
      if (event.note) entry.appendChild(el("p", {}, event.note));
      caseHistory.appendChild(entry);
    });
    resolveBox.hidden = item.status === "resolved";
    caseReopen.hidden = item.status !== "resolved";
  }

  function showCase(id) {
    openCase = String(id);
    caseBox.hidden = true;
    api("/api/escalations/" + encodeURIComponent(id)).then(function (body) {
      if (openCase === String(id)) renderCase(body.escalation);
    }).catch(function (error) {
      if (error.message !== "signed out") caseError.textContent = "Could not load the history: " + error.message;
    });
  }

  function caseAction(path, payload, done) {
    if (!openCase) return;
    var id = openCase;
    api("/api/escalations/" + encodeURIComponent(id) + "/" + path, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload || {})
    }).then(function (body) {
      if (done) done();
      if (body.escalation) {
        others[id] = body.escalation;
        renderCase(body.escalation);
      } else {
        showCase(id);
      }
      announce.textContent = "Escalation " + id + ": " + (path === "note" ? "note added" : path === "resolve" ? "resolved" : "reopened");
      lastJson = null;
      refresh();
    }).catch(function (error) {
      if (error.message !== "signed out") caseError.textContent = "Could not save: " + error.message;
    });
  }

  noteForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!noteText.value.trim()) return;
    caseAction("note", { text: noteText.value }, function () { noteText.value = ""; });
  });
  document.getElementById("case-resolve").addEventListener("click", function () {
    caseAction("resolve", outcome.value ? { outcome: outcome.value } : {}, function () { outcome.value = ""; });
  });
  caseReopen.addEventListener("click", function () { caseAction("reopen", {}); });

  // ------------------------------------------------------------ who is signed in; accounts

  var accounts = document.getElementById("accounts");
  var openAccounts = document.getElementById("open-accounts");
  var accountRows = document.getElementById("account-rows");
  var accountsError = document.getElementById("accounts-error");
  var newPassword = document.getElementById("new-password");
  var me = null;

  function loadAccounts() {
    return api("/api/staff-users").then(function (body) {
      accountRows.replaceChildren();
      body.staff_users.forEach(function (user) {
        var tr = el("tr", { class: user.disabled ? "status-resolved" : "" });
        var actions = el("td", { "data-label": "Actions", class: "actions" });
        if (!me || user.username !== me.username) {
          var action = user.disabled ? "enable" : "disable";
          actions.appendChild(el("button", { type: "button", class: "secondary", "data-account": user.username,
                                             "data-do": action, "aria-label": (user.disabled ? "Enable " : "Disable ") + user.username },
                                 user.disabled ? "Enable" : "Disable"));
        }
        tr.append(el("td", { "data-label": "Username" }, user.username),
                  el("td", { "data-label": "Name" }, user.display_name),
                  el("td", { "data-label": "Role" }, user.role),
                  el("td", { "data-label": "State" }, user.disabled ? "disabled" : "active"),
                  actions);
        accountRows.appendChild(tr);
      });
    }).catch(function (error) {
      if (error.message !== "signed out") accountsError.textContent = "Could not load accounts: " + error.message;
    });
  }

  openAccounts.addEventListener("click", function () {
    accounts.hidden = false;
    openAccounts.setAttribute("aria-expanded", "true");
    newPassword.hidden = true;
    loadAccounts().then(function () { document.getElementById("accounts-title").focus(); });
  });
  document.getElementById("close-accounts").addEventListener("click", function () {
    accounts.hidden = true;
    newPassword.hidden = true;
    newPassword.textContent = "";
    openAccounts.setAttribute("aria-expanded", "false");
    openAccounts.focus();
  });
  accountRows.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-account]");
    if (!button) return;
    accountsError.textContent = "";
    api("/api/staff-users/" + encodeURIComponent(button.dataset.account) + "/" + button.dataset.do, { method: "POST" })
      .then(loadAccounts)
      .catch(function (error) {
        if (error.message !== "signed out") accountsError.textContent = error.message;
      });
  });
  document.getElementById("add-account").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    accountsError.textContent = "";
    api("/api/staff-users", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: document.getElementById("new-username").value.trim().toLowerCase(),
                             display_name: document.getElementById("new-name").value.trim(),
                             role: document.getElementById("new-role").value })
    }).then(function (body) {
      newPassword.hidden = false;
      newPassword.textContent = "Account " + body.staff_user.username + " added. Its password (shown once): " + body.password;
      form.reset();
      return loadAccounts();
    }).catch(function (error) {
      if (error.message !== "signed out") accountsError.textContent = "Could not add the account: " + error.message;
    });
  });

  api("/api/session").then(function (body) {
    me = body.staff;
    document.getElementById("whoami").textContent = "Signed in as " + me.display_name +
      (me.display_name !== me.username ? " (" + me.username + ")" : "");
    openAccounts.hidden = me.role !== "admin";
  }).catch(function () { /* the list shows any error */ });

  document.getElementById("close-transcript").addEventListener("click", function () {
    transcript.hidden = true;
    openCase = null;
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
