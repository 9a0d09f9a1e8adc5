import openapiTS, { astToString } from 'openapi-typescript';

/** The client's types, generated from the document by openapi-typescript. */
export async function clientTypesText(documentText: string): Promise<string> {
  const ast = await openapiTS(documentText);
  return `// Generated from docs/openapi.json by \`npm run openapi\` (openapi-typescript); do not edit.\n${astToString(ast)}`;
}
