/** @jsxImportSource preact */
// Type test: wrong uses of <news-headlines> in Preact (see wrong.tsx).
export const badKeyword = <news-headlines src="/f.json" dir="up" />; // wrong: "up"
export const badNumber = <news-headlines src="/f.json" limit="many" />; // wrong: "many"
