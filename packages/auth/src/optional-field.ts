/** `{ [key]: value }` when there is a value, else `{}`: for spreading optional fields. */
export function optionalField<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
