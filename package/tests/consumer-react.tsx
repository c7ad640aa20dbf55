// Type test: <news-headlines> in a React 19 component (against the stand-in
// of stubs/react). Must type-check.
import type { NewsHeadlinesElement, NewsHeadlinesUpdateDetail } from "news-headlines";
import { useEffect, useRef } from "react";

export function LatestSidebar({ onNew }: { onNew: (count: number) => void }) {
  const ref = useRef<NewsHeadlinesElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (event: CustomEvent<NewsHeadlinesUpdateDetail>) => onNew(event.detail.added);
    element.addEventListener("news-headlines:update", update);
    return () => element.removeEventListener("news-headlines:update", update);
  }, [onNew]);
  return (
    <aside>
      <news-headlines
        ref={ref}
        src="/feeds/latest-middle-east.json"
        heading="Latest in Middle-East"
        limit={10}
        refresh={30}
        tag="iran"
        theme="dark"
        target="_self"
        lang="ar"
        dir="rtl"
        images="on"
        className="sidebar"
        style={{ "--nh-accent": "#00703c" }}
        data-placement="sidebar"
      >
        <a href="https://www.arabnews.com/">Latest headlines</a>
      </news-headlines>
      <news-headlines src="/feeds/around.json" limit="5" target="news-window" ref={(element) => element?.refresh()} />
    </aside>
  );
}
