/** @jsxImportSource preact */
// Type test: <news-headlines> in Preact (against the stand-in of
// stubs/preact). Must type-check.
import type { NewsHeadlinesElement } from "news-headlines";

export function Latest() {
  const ready = (element: NewsHeadlinesElement | null) => element?.refresh();
  return (
    <news-headlines ref={ready} src="/feeds/latest.json" limit={5} theme="light" dir="ltr" class="sidebar">
      <a href="https://www.arabnews.com/">Latest headlines</a>
    </news-headlines>
  );
}
