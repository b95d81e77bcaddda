// The example front-end: plain DOM code over the plugin's JSON API.
// ?preview=<token>&id=<page>&lang=… shows a preview (the admin's "Front-end"
// preview mode sends reviewers and editors here); ?id=<page> one published
// event; otherwise the upcoming list.
(function () {
    "use strict";
    const params = new URLSearchParams(window.location.search);
    const lang = params.get("lang") === "en" ? "en" : "ja";
    const app = document.getElementById("app");
    document.documentElement.lang = lang;
    const text = {
        ja: { preview: "プレビュー（未公開の内容）", missing: "見つかりません。プレビューの有効期限が切れたか、URL が誤っています。", when: "日時", none: "予定されているイベントはありません。" },
        en: { preview: "Preview (not published)", missing: "Not found: the preview link has expired or is wrong.", when: "When", none: "No upcoming events." },
    }[lang];

    function el(tag, content, className) {
        const node = document.createElement(tag);
        if (content) node.textContent = content;
        if (className) node.className = className;
        return node;
    }

    function plain(html) {
        // Rich text shown as text: no markup from the API enters the page.
        return new DOMParser().parseFromString(html || "", "text/html").body.textContent;
    }

    function showEvent(event, isPreview) {
        app.replaceChildren();
        if (isPreview) app.append(el("p", text.preview, "preview-banner"));
        app.append(el("h1", event.title));
        app.append(el("p", `${text.when}: ${event.start} – ${event.end}`));
        if (event.summary) app.append(el("p", event.summary));
        if (event.description) app.append(el("p", plain(event.description)));
    }

    function showList(items) {
        app.replaceChildren();
        if (!items.length) {
            app.append(el("p", text.none));
            return;
        }
        const list = el("ul");
        for (const event of items) {
            const item = el("li");
            const link = el("a", event.title);
            link.href = `?id=${event.id}&lang=${lang}`;
            item.append(link, document.createTextNode(` — ${event.start}`));
            list.append(item);
        }
        app.append(list);
    }

    function fail() {
        app.replaceChildren(el("p", text.missing, "error"));
    }

    const id = params.get("id");
    const token = params.get("preview");
    let url = `/api/v2/events/?lang=${lang}`;
    if (id && token) {
        url = `/api/v2/preview/${encodeURIComponent(id)}/?lang=${lang}&token=${encodeURIComponent(token)}`;
    } else if (id) {
        url = `/api/v2/events/${encodeURIComponent(id)}/?lang=${lang}`;
    }
    fetch(url, { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => (id ? showEvent(data, Boolean(token)) : showList(data.items)))
        .catch(fail);
})();
