/** The page's Content-Security-Policy: only our own script, styles and socket. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The shell page: no inline script or style, so the CSP can forbid both. `base` is the
 * capability path (`/<token>`) its assets are served under.
 */
export function shellPage(base: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Tusk</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${base}/assets/app.css">
    <script type="module" src="${base}/assets/app.js"></script>
  </head>
  <body>
    <tusk-app></tusk-app>
    <noscript>Tusk needs JavaScript.</noscript>
  </body>
</html>
`;
}
