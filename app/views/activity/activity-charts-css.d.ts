/** uPlot's style sheet, bundled as text (scripts/build.mjs: the views' `.css` loader is `text`). */
declare module 'uplot/dist/uPlot.min.css' {
  const text: string;
  export default text;
}
