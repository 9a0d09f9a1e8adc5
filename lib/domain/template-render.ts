import Mustache from 'mustache';
import type { ErrorDetail } from './errors.js';

/**
 * Mustache (logic-less: variables, sections, inverted sections, comments; no helpers, no code in a
 * template). Partials are refused: a template stands alone. Each call gets its own Writer, so that
 * no parse is cached for the life of the process (the module's own cache grows with every template).
 */
type Span = [string, string, number, number, Span[]?, number?];

/** A field's source that Mustache cannot parse, or that uses a partial: why, else undefined. */
export function templateSyntaxError(source: string): string | undefined {
  let spans: Span[];
  try {
    spans = new Mustache.Writer().parse(source) as Span[];
  } catch (error) {
    return `is not a valid Mustache template: ${error instanceof Error ? error.message : String(error)}`;
  }
  const partial = findSpan(spans, (span) => span[0] === '>');
  return partial ? `uses the partial {{> ${partial[1]}}}; partials are not supported` : undefined;
}

function findSpan(spans: Span[], test: (span: Span) => boolean): Span | undefined {
  for (const span of spans) {
    if (test(span)) return span;
    const found = span[4] && findSpan(span[4], test);
    if (found) return found;
  }
  return undefined;
}

const own = (value: unknown, key: string): boolean =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, key);

/** Mustache's lookup: `.` is the context itself; `a.b` is found in the nearest context that has it whole. */
function lookup(stack: readonly unknown[], name: string): { found: boolean; value: unknown } {
  if (name === '.') return { found: true, value: stack.at(-1) };
  const path = name.split('.');
  for (let i = stack.length - 1; i >= 0; i--) {
    let value: unknown = stack[i];
    let found = true;
    for (const key of path) {
      if (!own(value, key)) {
        found = false;
        break;
      }
      value = (value as Record<string, unknown>)[key];
    }
    if (found) return { found, value };
  }
  return { found: false, value: undefined };
}

const falsy = (value: unknown) =>
  value === false || value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/**
 * Every name the template uses that the data lacks (variables and sections alike: a section the
 * caller means to hide is given `false`, `null` or `[]`), and every variable whose value is an object
 * or a list, which has no text. Walks the parsed tokens as Mustache renders them: a section's body
 * with each item of a list, or with its value pushed on the context.
 */
export function missingData(source: string, data: Record<string, unknown>, field: string): ErrorDetail[] {
  const details = new Map<string, ErrorDetail>();
  const walk = (spans: Span[], stack: readonly unknown[]) => {
    for (const [type, name, , , children] of spans) {
      if (type === 'name' || type === '&' || type === '#' || type === '^') {
        const { found, value } = lookup(stack, name);
        const at = `data.${name}`;
        if (!found) {
          details.set(at, { field: at, message: `is used by ${field} but missing from data` });
          continue;
        }
        if (type === 'name' || type === '&') {
          if (typeof value === 'object' && value !== null)
            details.set(at, {
              field: at,
              message: `is used as text by ${field}: must be a string, number or boolean`,
            });
        } else if (type === '^') {
          if (falsy(value) && children) walk(children, stack);
        } else if (!falsy(value) && children) {
          for (const item of Array.isArray(value) ? value : [value]) walk(children, [...stack, item]);
        }
      }
    }
  };
  walk(new Mustache.Writer().parse(source) as Span[], [data]);
  return [...details.values()];
}

const verbatim = (value: unknown) => String(value);

/** Renders a source over the data: HTML-escaped for `html`, as is for text. */
export function renderSource(source: string, data: Record<string, unknown>, as: 'text' | 'html'): string {
  const writer = new Mustache.Writer();
  // Mustache's own escaping for HTML (&, <, >, ", ', /, `, =); none for text, which is not HTML.
  return writer.render(source, data, undefined, as === 'html' ? {} : { escape: verbatim });
}
