import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';

/**
 * Renders HTML pages from the Handlebars templates in `templates/`: `<name>.hbs` is a page body,
 * `partials/<name>.hbs` a partial; every page is wrapped in `layout.hbs`. `{{ }}` escapes, so what a
 * vocabulary says is shown as text; `{{{ }}}` is only for HTML the renderer itself produced.
 */
export class PageRenderer {
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly handlebars = Handlebars.create();

  constructor(templatesDir: string) {
    const partialsDir = join(templatesDir, 'partials');
    if (existsSync(partialsDir)) {
      for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
        this.handlebars.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
      }
    }
    this.handlebars.registerHelper('json', (value: unknown) => new Handlebars.SafeString(safeJson(value)));
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    for (const file of readdirSync(templatesDir).filter((f) => f.endsWith('.hbs'))) {
      this.pages.set(basename(file, '.hbs'), this.handlebars.compile(readFileSync(join(templatesDir, file), 'utf8'), { strict: false }));
    }
    const layout = this.pages.get('layout');
    if (!layout) throw new Error(`${templatesDir}/layout.hbs is missing`);
    this.layout = layout;
  }

  /** Registers a helper for the templates (e.g. a URL builder the HTTP face provides). */
  helper(name: string, fn: Handlebars.HelperDelegate): void {
    this.handlebars.registerHelper(name, fn);
  }

  /** The page in the site's layout, or on its own (`standalone`) when the template is a whole document. */
  render(page: string, context: { title: string; [key: string]: unknown }, options: { standalone?: boolean } = {}): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`no template ${page}.hbs`);
    return options.standalone ? template(context) : this.layout({ ...context, body: template(context) });
  }
}

/** JSON for a <script> element: `<`, `>` and `&` escaped so the text cannot close the element. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
