/** The part of Eleventy's configuration API that our plugins use (Eleventy ships no types). */
import type { MarkdownIt } from "markdown-it";

export interface EleventyConfig {
  amendLibrary(name: "md", fn: (md: MarkdownIt) => MarkdownIt | void): void;
  setLibrary(name: "md", md: MarkdownIt): void;
  addGlobalData(name: string, value: unknown): void;
  addCollection(name: string, fn: (api: CollectionApi) => unknown): void;
  addTemplate(path: string, content: string, data?: Record<string, unknown>): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addPassthroughCopy(spec: string | Record<string, string>): void;
  addPlugin<O>(plugin: (eleventyConfig: EleventyConfig, options: O) => unknown, options?: O): void;
  addTransform(name: string, fn: (this: { page: { inputPath: string; outputPath: string | false; url: string } }, content: string) => string | Promise<string>): void;
  setTemplateFormats(formats: string[]): void;
  setUseGitIgnore(use: boolean): void;
  setLayoutsDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  setFrontMatterParsingOptions(options: Record<string, unknown>): void;
  on(event: string, fn: (...args: never[]) => unknown): void;
  setServerOptions(options: Record<string, unknown>): void;
  setChokidarConfig(options: Record<string, unknown>): void;
  addWatchTarget(target: string): void;
  ignores: Set<string>;
  /** Eleventy's console logger and benchmark groups (internal, used to route their lines). */
  logger: ConsoleLoggerLike;
  benchmarkManager: { benchmarkGroups: Record<string, { logger: ConsoleLoggerLike }> };
  directories: { input: string; output: string };
  globalData?: Record<string, unknown>;
}

export interface ConsoleLoggerLike {
  overrideLogger(sink: false | { log(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void }): void;
}

export interface CollectionItem {
  inputPath: string;
  fileSlug: string;
  url: string;
  date: Date;
  data: Record<string, unknown>;
  content: string;
}

export interface CollectionApi {
  getAll(): CollectionItem[];
}
