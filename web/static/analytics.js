/* Care team analytics: fetches /api/analytics/summary for the chosen days and draws it
   with Chart.js (served by this server from web/node_modules). Text from the server is
   set with textContent only. */
(function () {
  "use strict";

  var COLOURS = { emergency: "#b3001b", urgent: "#b45309", contact_request: "#1d4ed8",
                  data_deletion: "#6b7280" };
  var LEVEL_NAMES = { emergency: "Emergency", urgent: "Urgent", contact_request: "Contact request",
                      data_deletion: "Deletion request" };
  var charts = {};
  var from = document.getElementById("from");
  var to = document.getElementById("to");
  var errorBox = document.getElementById("error");
  var status = document.getElementById("status");

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isoDay(date) { return date.toISOString().slice(0, 10); }

  function draw(id, config) {
    if (!window.Chart) {
      errorBox.textContent = "Charts are not available: Chart.js is not installed on the server (make web).";
      return;
    }
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ responsive: true, animation: false }, config.options || {});
    charts[id] = new window.Chart(document.getElementById(id), config);
  }

  function levelName(level) { return LEVEL_NAMES[level] || level; }

  function render(body) {
    var esc = body.escalations;
    var talk = body.conversations;
    document.getElementById("total").textContent = esc.total;
    document.getElementById("overdue").textContent = esc.overdue.share === null ? "–"
      : Math.round(esc.overdue.share * 100) + "% (" + esc.overdue.count + " of " + esc.overdue.of + ")";
    var s = talk.screenings;
    document.getElementById("screenings").textContent = s.started;
    document.getElementById("screenings-split").textContent =
      s.self_care + " self-care · " + s.escalated + " escalated · " + (s.other + s.unfinished) + " other or unfinished";
    document.getElementById("not-understood").textContent = talk.not_understood.count;
    status.textContent = talk.available ? "" : "The conversation store is not available: only escalation figures are shown.";

    draw("per-day", {
      type: "bar",
      data: {
        labels: esc.per_day.map(function (day) { return day.day; }),
        datasets: esc.levels.map(function (level) {
          return { label: levelName(level), backgroundColor: COLOURS[level] || "#374151",
                   data: esc.per_day.map(function (day) { return day.counts[level] || 0; }) };
        })
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
    });

    var ack = esc.time_to_acknowledge.filter(function (row) { return row.deadline_minutes || row.acknowledged; });
    draw("acknowledge", {
      type: "bar",
      data: {
        labels: ack.map(function (row) { return levelName(row.level); }),
        datasets: [
          { label: "Median", backgroundColor: "#0b4f8a", data: ack.map(function (row) { return row.median_minutes; }) },
          { label: "90th percentile", backgroundColor: "#93c5fd", data: ack.map(function (row) { return row.p90_minutes; }) },
          { label: "Deadline", type: "line", borderColor: "#b3001b", backgroundColor: "#b3001b", showLine: false,
            pointStyle: "line", pointRadius: 18, pointBorderWidth: 3,
            data: ack.map(function (row) { return row.deadline_minutes; }) }
        ]
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: "minutes" } } } }
    });
    var rows = document.getElementById("ack-rows");
    rows.replaceChildren();
    ack.forEach(function (row) {
      var tr = el("tr");
      [levelName(row.level), row.acknowledged,
       row.median_minutes === null ? "–" : row.median_minutes + " min",
       row.p90_minutes === null ? "–" : row.p90_minutes + " min",
       row.deadline_minutes ? row.deadline_minutes + " min" : "–",
       row.within_deadline === null ? "–" : row.within_deadline + " of " + row.acknowledged,
       row.not_acknowledged].forEach(function (value) { tr.appendChild(el("td", value)); });
      rows.appendChild(tr);
    });

    draw("screening-chart", {
      type: "doughnut",
      data: {
        labels: ["Self-care", "Escalated", "Other", "Unfinished"],
        datasets: [{ data: [s.self_care, s.escalated, s.other, s.unfinished],
                     backgroundColor: ["#047857", "#b3001b", "#6b7280", "#d1d5db"] }]
      }
    });

    // "ask_preparation/eat" -> "Preparation: eat" (the answer family and the answer).
    function topicName(topic) {
      var parts = String(topic || "").replace(/^ask_/, "").split("/");
      var family = parts[0].replace(/_/g, " ");
      family = family.charAt(0).toUpperCase() + family.slice(1);
      return parts.length > 1 ? family + ": " + parts.slice(1).join("/").replace(/_/g, " ") : family;
    }
    var topics = talk.questions_by_topic.length ? talk.questions_by_topic.map(function (row) {
      return { label: topicName(row.topic), count: row.count };
    }) : talk.questions_by_intent.map(function (row) { return { label: row.intent, count: row.count }; });
    draw("topics", {
      type: "bar",
      data: { labels: topics.map(function (row) { return row.label; }),
              datasets: [{ label: "Questions", backgroundColor: "#0b4f8a",
                           data: topics.map(function (row) { return row.count; }) }] },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
    });

    draw("fallback", {
      type: "line",
      data: { labels: talk.not_understood.per_day.map(function (row) { return row.day; }),
              datasets: [{ label: "Not understood", borderColor: "#b45309", backgroundColor: "#b45309",
                           data: talk.not_understood.per_day.map(function (row) { return row.count; }) }] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
    var repeated = document.getElementById("repeated");
    repeated.replaceChildren();
    talk.not_understood.repeated.forEach(function (row) {
      repeated.appendChild(el("li", "“" + row.text + "” × " + row.count));
    });
    if (!talk.not_understood.repeated.length) repeated.appendChild(el("li", "None"));
  }

  function load() {
    var params = new URLSearchParams({ from: from.value, to: to.value });
    document.getElementById("csv").href = "/api/analytics/export.csv?" + params.toString();
    errorBox.textContent = "";
    status.textContent = "Loading…";
    fetch("/api/analytics/summary?" + params.toString(), { credentials: "same-origin",
                                                          headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) { window.location.assign("/staff"); throw new Error("signed out"); }
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.error || ("HTTP " + response.status));
          return body;
        });
      })
      .then(function (body) { status.textContent = ""; render(body); })
      .catch(function (error) {
        status.textContent = "";
        if (error.message !== "signed out") errorBox.textContent = "Could not load the figures: " + error.message;
      });
  }

  var today = new Date();
  to.value = isoDay(today);
  from.value = isoDay(new Date(today.getTime() - 29 * 86400000));
  document.getElementById("range").addEventListener("submit", function (event) {
    event.preventDefault();
    load();
  });
  load();
})();
