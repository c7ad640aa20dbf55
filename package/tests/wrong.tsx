// Type test: wrong uses of <news-headlines>. Each line marked `wrong:` must
// fail to type-check with an error that contains the marked text, and no
// other line may fail.
import type { NewsHeadlinesElement } from "news-headlines";

const element = document.createElement("news-headlines");
element.addEventListener("news-headlines:update", (event) => event.detail.count); // wrong: 'count'
element.addEventListener("news-headlines:error", (event) => event.detail.status.toFixed()); // wrong: 'null'
element.refresh(true); // wrong: Expected 0 arguments
element.limit = 5; // wrong: 'limit'
export const notTheElement: NewsHeadlinesElement = document.createElement("div"); // wrong: 'refresh'

export const badKeyword = <news-headlines src="/f.json" theme="purple" />; // wrong: "purple"
export const badNumber = <news-headlines src="/f.json" limit="ten" />; // wrong: "ten"
export const badType = <news-headlines src="/f.json" limit={true} />; // wrong: 'true'
export const badRefresh = <news-headlines src="/f.json" refresh={true} />; // wrong: 'true'
export const noSource = <news-headlines heading="Latest" />; // wrong: "src"
export const unknownAttribute = <news-headlines src="/f.json" colour="red" />; // wrong: 'colour'
