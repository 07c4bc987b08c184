/**
 * An RFC 4180 CSV parser (https://www.rfc-editor.org/rfc/rfc4180#section-2): fields separated by
 * commas, a field in double quotes may hold commas, line breaks (CRLF or LF) and quotes written
 * twice (`""`). LinkedIn's Shares.csv holds whole multi-paragraph posts in one quoted field.
 * Returns the rows with the line each starts on (for messages). Throws on an unclosed quote.
 */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let fieldStarted = false;
  let i = 0;
  const endRow = (): void => {
    fields.push(field);
    // A blank line is no row (a file's last line break included).
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (char === '\n') line++;
      field += char;
      i++;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
      i++;
    } else if (char === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 2;
      line++;
      rowLine = line;
    } else if (char === '\n' || char === '\r') {
      endRow();
      i++;
      line++;
      rowLine = line;
    } else {
      // A stray quote inside an unquoted field is kept as text, as spreadsheet programs do.
      field += char;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error(`a quoted field that starts on line ${rowLine} is never closed`);
  if (field !== '' || fields.length > 0 || fieldStarted) endRow();
  return rows;
}
