import { css } from 'lit';

/**
 * The Sessions table's own look over the activity tables': fixed column widths (the columns
 * stay put while the rows drawn change with the scroll), the space of the rows not drawn,
 * and the selected session's query under the table.
 */
export const sessionsStyles = css`
  /* Fixed widths: the columns stay put while the rows drawn change with the scroll. */
  table {
    table-layout: fixed;
    width: 100%;
  }
  th:last-child {
    width: auto;
  }
  th.c-pid {
    width: 60px;
  }
  th.c-user {
    width: 150px;
  }
  th.c-database {
    width: 92px;
  }
  th.c-application,
  th.c-client {
    width: 130px;
  }
  th.c-state {
    width: 170px;
  }
  th.c-wait {
    width: 150px;
  }
  th.c-queryAge {
    width: 84px;
  }
  th.c-xactAge,
  th.c-backendAge {
    width: 68px;
  }
  th.c-query {
    width: 420px;
  }
  th.c-backendType {
    min-width: 90px;
  }
  td {
    max-width: none;
  }
  tr.space td {
    padding: 0;
    border: 0;
  }
  .detail {
    flex: none;
    max-height: 30%;
    overflow: auto;
    border-top: 1px solid var(--tusk-border-strong);
    background: var(--tusk-bg-sidebar);
    padding: 6px 10px;
  }
  .detail .facts {
    color: var(--tusk-text-muted);
    margin-bottom: 4px;
  }
  .detail pre {
    margin: 0;
    font: 12px / 1.45 var(--tusk-font-code);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
