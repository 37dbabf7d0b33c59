// npm ci / npm install never download a browser: briefpress uses the Chromium installed on the machine.
// (puppeteer, pulled in by pa11y and pagedjs-cli, reads this file; .cjs because the package is type: module.)
module.exports = { skipDownload: true };
