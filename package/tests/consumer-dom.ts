// Type test (xtask `package::tests`, `tsc --noEmit --strict`, without React or
// Preact installed): plain DOM code using <news-headlines>. Must type-check.
// The generated `every-attribute.ts` beside it sets every attribute of the table.
import type {
  NewsHeadlinesAttributes,
  NewsHeadlinesElement,
  NewsHeadlinesErrorDetail,
  NewsHeadlinesState,
  NewsHeadlinesUpdateDetail,
} from "news-headlines";

// The tag name gives the element's type, with `refresh()`.
const element = document.querySelector("news-headlines");
element?.refresh();
const made: NewsHeadlinesElement = document.createElement("news-headlines");
const attributes: NewsHeadlinesAttributes = { src: "/feeds/latest.json", limit: "10", refresh: 60, theme: "auto" };
for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, String(value));
document.body.append(made);

// The events' details, on the element, the document and the window.
made.addEventListener("news-headlines:update", (event) => {
  const { added, removed, total }: NewsHeadlinesUpdateDetail = event.detail;
  console.log(added + removed + total);
});
document.addEventListener("news-headlines:error", (event) => {
  const detail: NewsHeadlinesErrorDetail = event.detail;
  const status: number | null = event.detail.status;
  console.log(detail.message.toUpperCase(), status ?? "no answer");
  const widget = event.target as NewsHeadlinesElement;
  const state = widget.getAttribute("state") as NewsHeadlinesState | null;
  if (state === "error") widget.refresh();
});
window.addEventListener("news-headlines:update", (event) => console.log(event.detail.total));
