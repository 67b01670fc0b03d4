/// The stylesheet and the script every page uses, served by the binary (`/static/…`): no CDN,
/// no web font. Pages work without the script; it only makes the indicator panel open in place.
enum Assets {
    static let files: [String: (type: String, body: String)] = [
        "zhibiao.css": ("text/css; charset=utf-8", css),
        "zhibiao.js": ("text/javascript; charset=utf-8", script),
    ]

    /// Kinds grouped into colour families (the classes `k-…` of indicator elements).
    static let kindFamilies: [(family: String, label: String, kinds: [String])] = [
        ("money", "金额 money", ["money"]),
        ("share", "比例 share", ["percentage", "pp", "ratio", "multiple"]),
        ("count", "数量 count", ["count"]),
        ("measure", "面积/长度/重量 measure", ["area", "length", "mass", "volume"]),
        ("time", "时长/频次 time", ["duration", "frequency", "speed"]),
        ("tech", "技术/能源 tech", ["computing", "data", "power", "energy", "emission"]),
        ("other", "其他 other", ["other"]),
    ]

    static func family(ofKind kind: String) -> String {
        kindFamilies.first { $0.kinds.contains(kind) }?.family ?? "other"
    }

    static let css = """
        :root { --ink: #1b2230; --muted: #545d6e; --line: #d3d8e2; --paper: #ffffff; --soft: #f4f6f9; --accent: #0b57b0;
          --focus: #c2410c; --money: #fde7b0; --money-ink: #7a4d00; --share: #d8e8ff; --share-ink: #0b4a96;
          --count: #d9f2dc; --count-ink: #1d6b2a; --measure: #f2e2d2; --measure-ink: #7a3f12; --time: #ecdff7;
          --time-ink: #5b2487; --tech: #d5f0f0; --tech-ink: #0b5e63; --other: #e8e8e8; --other-ink: #3d3d3d; }
        * { box-sizing: border-box; }
        html { font-size: 15px; }
        body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.6;
          font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, label:focus-within {
          outline: 3px solid var(--focus); outline-offset: 2px; }
        .skip { position: absolute; left: -9999px; top: 0; background: var(--ink); color: #fff; padding: 6px 10px; z-index: 10; }
        .skip:focus { left: 8px; }
        header.top { display: flex; align-items: center; justify-content: space-between; gap: 16px; padding: 8px 20px;
          background: #1f2a3c; color: #fff; }
        header.top nav { display: flex; gap: 18px; align-items: baseline; flex-wrap: wrap; }
        header.top a { color: #fff; text-decoration: none; padding: 2px 0; border-bottom: 2px solid transparent; }
        header.top a[aria-current="page"] { border-bottom-color: #ffd166; }
        header.top a.brand { font-weight: bold; font-size: 1.15rem; margin-right: 10px; }
        .mode { font-size: 0.85rem; padding: 2px 8px; border-radius: 10px; background: #3b4a63; }
        .mode.edit { background: #8a4b00; }
        main { max-width: 1280px; margin: 0 auto; padding: 12px 20px 30px; }
        footer { max-width: 1280px; margin: 0 auto; padding: 10px 20px 20px; color: var(--muted); font-size: 0.85rem; }
        h1 { font-size: 1.45rem; margin: 8px 0 6px; line-height: 1.35; }
        h2 { font-size: 1.2rem; margin: 20px 0 8px; }
        h3 { font-size: 1.05rem; margin: 12px 0 4px; }
        .muted, .meta { color: var(--muted); }
        .meta { font-size: 0.92rem; margin: 0 0 8px; }
        .path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; color: var(--muted); overflow-wrap: anywhere; }
        form.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; padding: 10px 12px; margin: 8px 0 12px;
          background: var(--soft); border: 1px solid var(--line); border-radius: 6px; }
        form.filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); gap: 2px; }
        input[type=text], input[type=search], input[type=number], select { font: inherit; font-size: 0.95rem; padding: 4px 6px;
          border: 1px solid #8d96a8; border-radius: 4px; background: #fff; color: var(--ink); min-width: 8em; }
        button, .button { font: inherit; font-size: 0.95rem; padding: 4px 12px; border-radius: 4px; border: 1px solid #0b4a96;
          background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary, .button.secondary { background: #fff; color: var(--accent); }
        table { width: 100%; border-collapse: collapse; font-size: 0.92rem; margin: 6px 0 14px; }
        th, td { border-bottom: 1px solid var(--line); padding: 5px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        td.nowrap { white-space: nowrap; }
        td .path { overflow-wrap: anywhere; }
        th { background: var(--soft); font-weight: 600; position: sticky; top: 0; z-index: 1; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        tbody tr:hover { background: #f8fafc; }
        .downloads { display: flex; gap: 8px; flex-wrap: wrap; margin: 6px 0; }
        .pager { display: flex; gap: 12px; align-items: center; margin: 8px 0; }
        .notice { padding: 8px 12px; border-left: 4px solid var(--accent); background: var(--soft); margin: 8px 0; }
        .error-page h1 { color: #9b1c1c; }
        .badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 0.82rem; font-weight: 600; white-space: nowrap; }
        .st-not-started { background: #eceff3; color: #374151; }
        .st-in-progress { background: #fff1c2; color: #6b4500; }
        .st-done { background: #d9f2dc; color: #1d6b2a; }
        .st-doubtful { background: #fde2e1; color: #9b1c1c; }
        .hits li { margin: 4px 0; }
        .hits mark { background: #fff3a3; }

        /* Document page: outline | text | details */
        .doc-layout { display: grid; grid-template-columns: 220px minmax(0, 1fr) 340px; gap: 18px; align-items: start; }
        .outline, .details { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow: auto; font-size: 0.88rem; }
        .outline { border-right: 1px solid var(--line); padding-right: 8px; }
        .outline h2, .details h2 { font-size: 0.95rem; margin: 4px 0 6px; }
        .outline ol { list-style: none; margin: 0; padding: 0; }
        .outline li a { display: block; padding: 2px 4px; text-decoration: none; color: var(--ink); border-radius: 3px;
          white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .outline li a:hover { background: var(--soft); }
        .outline .lv2 a { padding-left: 14px; } .outline .lv3 a { padding-left: 24px; } .outline .lv4 a { padding-left: 34px; }
        .text { white-space: pre-wrap; font-size: 1.02rem; line-height: 1.9; overflow-wrap: anywhere; }
        .text .hd { font-weight: bold; color: #0f2f5c; -webkit-text-stroke: 0.4px currentColor; }
        .text .hit { background: #fff3a3; outline: 2px solid #e0b400; }
        .ind { text-decoration: none; color: inherit; border-radius: 3px; padding: 1px 1px; border-bottom: 2px solid transparent; }
        .ind.f-money { background: var(--money); border-color: var(--money-ink); }
        .ind.f-share { background: var(--share); border-color: var(--share-ink); }
        .ind.f-count { background: var(--count); border-color: var(--count-ink); }
        .ind.f-measure { background: var(--measure); border-color: var(--measure-ink); }
        .ind.f-time { background: var(--time); border-color: var(--time-ink); }
        .ind.f-tech { background: var(--tech); border-color: var(--tech-ink); }
        .ind.f-other { background: var(--other); border-color: var(--other-ink); }
        .ind.r-target { font-weight: 600; border-bottom-style: solid; -webkit-text-stroke: 0.3px currentColor; }
        .ind.r-fact { border-bottom-style: dotted; background-color: transparent; }
        .ind:empty::before { content: "◆"; font-size: 0.7em; }
        .ind:hover, .ind.selected { outline: 2px solid var(--focus); }
        .noise { display: none; }
        #show-noise:checked ~ .text .noise { display: inline; color: #6b7280; background: #f1f1f1; text-decoration: line-through 1px #9ca3af; }
        .noise-toggle { font-size: 0.88rem; color: var(--muted); margin-left: 4px; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 0.85rem; margin: 4px 0 10px; align-items: center; }
        .legend .ind { padding: 0 5px; }
        .details .detail { display: none; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: #fff; }
        .details .detail:target, .details .detail.shown { display: block; }
        .details.js .detail:not(.shown) { display: none; }
        .details .hint { color: var(--muted); }
        .details .detail:target ~ .hint, .details.has-shown .hint { display: none; }
        .detail dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 8px; margin: 6px 0; }
        .detail dt { color: var(--muted); font-size: 0.82rem; }
        .detail dd { margin: 0; overflow-wrap: anywhere; }
        .detail blockquote { margin: 6px 0; padding: 4px 8px; border-left: 3px solid var(--line); background: var(--soft); }
        .detail .rule { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem; }
        @media (max-width: 1000px) { .doc-layout { grid-template-columns: 1fr; } .outline, .details { position: static; max-height: none; } }

        /* Checklist */
        .checklist td form { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
        .checklist td form input[type=text] { min-width: 6em; flex: 1; }
        .group-row th { background: #e9eef6; position: static; }
        .sentence { color: var(--muted); font-size: 0.85rem; }

        /* Diff picker */
        fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 8px 12px; }
        legend { font-weight: 600; }
        .choices { max-height: 320px; overflow: auto; }
        form.stack label { display: flex; flex-direction: column; gap: 2px; font-size: 0.88rem; color: var(--muted); max-width: 48em; }
        form.stack .choices label { flex-direction: row; align-items: center; gap: 8px; padding: 3px 0; font-size: 0.95rem; color: var(--ink); max-width: none; }
        form.stack select { max-width: 48em; }
        @media print { header.top, .filters, .outline, .downloads, footer { display: none; } .doc-layout { display: block; } }
        """

    static let script = """
        // Progressive enhancement only: every link and form works without this script.
        (function () {
          "use strict";
          var details = document.querySelector(".details");
          if (!details) { return; }
          details.classList.add("js");
          function show(id, focus) {
            var shown = details.querySelectorAll(".detail.shown");
            for (var i = 0; i < shown.length; i++) { shown[i].classList.remove("shown"); }
            var selected = document.querySelectorAll(".ind.selected");
            for (var j = 0; j < selected.length; j++) { selected[j].classList.remove("selected"); }
            var panel = document.getElementById(id);
            if (!panel) { return; }
            panel.classList.add("shown");
            details.classList.add("has-shown");
            var mark = document.querySelector('.ind[href="#' + id + '"]');
            if (mark) { mark.classList.add("selected"); }
            if (focus) { panel.focus({ preventScroll: true }); }
            details.scrollTop = 0;
          }
          document.addEventListener("click", function (event) {
            var link = event.target.closest ? event.target.closest("a.ind") : null;
            if (!link) { return; }
            event.preventDefault();
            var id = link.getAttribute("href").slice(1);
            history.replaceState(null, "", "#" + id);
            show(id, false);
          });
          if (location.hash.length > 1 && document.getElementById(location.hash.slice(1))) {
            show(location.hash.slice(1), false);
          }
        })();
        """
}
