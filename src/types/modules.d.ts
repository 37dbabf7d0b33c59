// Packages without type declarations of their own: the parts briefpress uses.

declare module "markdown-it-footnote" {
  import type { MarkdownIt } from "markdown-it";
  export default function footnotePlugin(md: MarkdownIt): void;
}

declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
    init(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
    initWatch(): Promise<void>;
    getWatchedFiles(): Promise<string[]>;
    stopWatch(): Promise<void>;
    /** Eleventy's own console logger: `overrideLogger(false)` silences it, an object receives its lines. */
    readonly logger: { overrideLogger(sink: false | ThirdPartyConsole): void };
    /** The dev server (after `init()`). */
    readonly eleventyServe: { reload(event?: { files?: string[] }): Promise<void> };
  }
  /** Where Eleventy's log lines go instead of the console. */
  export interface ThirdPartyConsole {
    log(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
  }
}

declare module "subset-font" {
  export default function subsetFont(font: Uint8Array, text: string, options?: { targetFormat?: "woff2" | "woff" | "truetype" | "sfnt" }): Promise<Uint8Array>;
}

declare module "pa11y" {
  export default function pa11y(url: string, options?: Record<string, unknown>): Promise<{ issues: any[]; documentTitle: string; pageUrl: string }>;
}

declare module "pagefind" {
  interface PagefindIndex {
    addDirectory(o: { path: string }): Promise<{ errors: string[]; page_count: number }>;
    writeFiles(o: { outputPath: string }): Promise<{ errors: string[] }>;
    deleteIndex(): Promise<void>;
  }
  export function createIndex(config: Record<string, unknown>): Promise<{ index?: PagefindIndex; errors: string[] }>;
  export function close(): Promise<void>;
}

declare module "markdown-it-deflist" {
  import type { MarkdownIt } from "markdown-it";
  export default function deflistPlugin(md: MarkdownIt): void;
}

declare module "markdown-it-sup" {
  import type { MarkdownIt } from "markdown-it";
  export default function supPlugin(md: MarkdownIt): void;
}

declare module "markdown-it-sub" {
  import type { MarkdownIt } from "markdown-it";
  export default function subPlugin(md: MarkdownIt): void;
}
