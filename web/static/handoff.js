/* The live handoff in the care team inbox: while a conversation is open, it is shown live
   (server-sent events from GET /api/conversations/<id>/live), a patient message that got
   911 advice is highlighted, and the nurse can write to the patient in the chat
   (POST .../reply, which pauses the assistant) and hand the chat back (POST .../handback).
   Loaded after staff.js; it only adds to the conversation panel. Every value from the
   server is set with textContent, never as HTML. */
(function () {
  "use strict";

  var panel = document.getElementById("transcript");
  var staticList = document.getElementById("transcript-messages");
  if (!panel || !staticList || !window.EventSource) return;

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var state = el("p", { id: "handoff-state", class: "handoff-state", role: "status" });
  var alertBox = el("p", { id: "handoff-alert", class: "handoff-alert", role: "alert" });
  var form = el("form", { id: "handoff-form", class: "handoff-form" });
  var label = el("label", { for: "handoff-text" }, "Write to the patient (the assistant pauses)");
  var text = el("textarea", { id: "handoff-text", rows: "3", maxlength: "1000" });
  var send = el("button", { type: "submit", id: "handoff-send" }, "Send to patient");
  var handback = el("button", { type: "button", id: "handoff-handback", class: "secondary",
                                hidden: "" }, "Hand back to the assistant");
  var error = el("p", { class: "error", role: "alert" });
  var buttons = el("div", { class: "handoff-buttons" });
  buttons.append(send, handback);
  form.append(label, text, buttons, error);
  staticList.after(alertBox, state, form);

  var source = null;
  var current = null;
  var latest = null; // the conversation as last received
  var rendering = false;

  function post(path, body) {
    return fetch("/api/conversations/" + encodeURIComponent(current) + "/" + path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json",
                 "X-Requested-With": "ivig-staff" },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error(answer.error || ("HTTP " + response.status));
        return answer;
      });
    });
  }

  function senderName(message) {
    if (message.sender === "patient") return "Patient";
    if (message.sender === "assistant") return "Assistant";
    if (message.sender === "staff") {
      return [message.staff_name, message.staff_role].filter(Boolean).join(", ") || "Care team";
    }
    return "";
  }

  // staff.js fills the same list once when a conversation opens: the live view wins.
  new MutationObserver(function () {
    if (!rendering && latest && current) render(latest);
  }).observe(staticList, { childList: true });

  function render(conversation) {
    latest = conversation;
    rendering = true;
    staticList.replaceChildren();
    var emergencies = 0;
    conversation.messages.forEach(function (message) {
      var item = el("li", { class: "from-" + message.sender + (message.emergency ? " emergency" : "") });
      item.appendChild(el("span", { class: "sender" }, senderName(message)));
      if (message.emergency) {
        emergencies += 1;
        item.appendChild(el("strong", { class: "emergency-flag" }, " Emergency: the patient was told to call 911"));
      }
      item.appendChild(el("p", {}, message.text));
      if (message.timestamp) {
        item.appendChild(el("time", { datetime: new Date(message.timestamp * 1000).toISOString() },
                            new Date(message.timestamp * 1000).toLocaleTimeString()));
      }
      staticList.appendChild(item);
    });
    if (!conversation.messages.length) staticList.appendChild(el("li", { class: "muted" }, "No messages."));
    staticList.scrollTop = staticList.scrollHeight;
    window.setTimeout(function () { rendering = false; }, 0);
    var lastPatient = conversation.messages.filter(function (m) { return m.sender === "patient"; }).pop();
    alertBox.textContent = lastPatient && lastPatient.emergency
      ? "Emergency in this conversation: the assistant told the patient to call 911 and raised an emergency escalation."
      : "";
    panel.classList.toggle("has-emergency", emergencies > 0);
    handback.hidden = !conversation.handoff;
    state.textContent = conversation.handoff
      ? "You are chatting with the patient. The assistant is paused (it still answers emergencies)."
      : "The assistant is answering this patient. Writing here pauses it.";
  }

  function stop() {
    if (source) source.close();
    source = null;
    current = null;
    latest = null;
    alertBox.textContent = "";
    state.textContent = "";
    error.textContent = "";
  }

  function start(conversationId) {
    stop();
    current = conversationId;
    source = new EventSource("/api/conversations/" + encodeURIComponent(conversationId) + "/live");
    source.addEventListener("conversation", function (event) {
      if (current !== conversationId) return;
      render(JSON.parse(event.data));
    });
    source.addEventListener("unavailable", function () {
      state.textContent = "The conversation store is unavailable; retrying…";
    });
  }

  function follow() {
    var wanted = panel.hidden ? null : panel.dataset.conversationId || null;
    if (wanted !== current) {
      if (wanted) start(wanted); else stop();
    }
  }

  new MutationObserver(follow).observe(panel, { attributes: true,
                                                attributeFilter: ["hidden", "data-conversation-id"] });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var words = text.value.trim();
    if (!words || !current) return;
    send.disabled = true;
    error.textContent = "";
    post("reply", { text: words }).then(function () {
      text.value = "";
    }).catch(function (failure) {
      error.textContent = "Not sent: " + failure.message;
    }).then(function () { send.disabled = false; text.focus(); });
  });

  handback.addEventListener("click", function () {
    if (!current) return;
    handback.disabled = true;
    post("handback").catch(function (failure) {
      error.textContent = "Could not hand back: " + failure.message;
    }).then(function () { handback.disabled = false; });
  });

  follow();
})();
