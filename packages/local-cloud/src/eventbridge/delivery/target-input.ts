import type { EventEnvelope, Rule, Target } from '../model.js';
import { readJsonPath } from './json-path.js';

/**
 * The message body a target receives: the whole event, or what its Input, InputPath or
 * InputTransformer makes of it.
 */
export function buildTargetInput(
  target: Target,
  rule: Rule,
  event: EventEnvelope,
  ingestionTime: string,
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(readJsonPath(event, target.InputPath) ?? null);
  if (target.InputTransformer) {
    const values = new Map<string, unknown>([
      ['aws.events.rule-arn', rule.arn],
      ['aws.events.rule-name', rule.name],
      ['aws.events.event.ingestion-time', ingestionTime],
      ['aws.events.event', event],
      ['aws.events.event.json', event],
    ]);
    for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) {
      values.set(name, readJsonPath(event, path));
    }
    return renderTemplate(target.InputTransformer.InputTemplate, values);
  }
  return JSON.stringify(event);
}

/**
 * Fills `<name>` placeholders the way EventBridge does. Where the template is JSON, a placeholder
 * outside a JSON string gets the value as JSON (strings quoted); inside a JSON string it gets the
 * raw text, and objects or arrays lose their inner quotes so the string stays a string. Like
 * EventBridge, inserted text is not escaped. In a plain-text template values go in as raw text.
 */
export function renderTemplate(template: string, values: ReadonlyMap<string, unknown>): string {
  const isJsonTemplate = /^\s*[{["]/.test(template);
  let output = '';
  let insideString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template.charAt(i);
    if (char === '<') {
      const end = template.indexOf('>', i + 1);
      const name = end === -1 ? undefined : template.slice(i + 1, end);
      if (name !== undefined && values.has(name)) {
        output += placeholderText(values.get(name), isJsonTemplate && !insideString, isJsonTemplate);
        i = end;
        continue;
      }
    }
    if (char === '\\' && insideString) {
      output += char + template.charAt(i + 1);
      i++;
      continue;
    }
    if (char === '"') insideString = !insideString;
    output += char;
  }
  return output;
}

function placeholderText(value: unknown, asJsonValue: boolean, jsonTemplate: boolean): string {
  if (value === undefined) return asJsonValue ? 'null' : '';
  if (typeof value === 'string') return asJsonValue ? `"${value}"` : value;
  const json = JSON.stringify(value);
  if (typeof value === 'object' && value !== null && jsonTemplate && !asJsonValue)
    return json.replaceAll('"', '');
  return json;
}
