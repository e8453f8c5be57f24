import { css } from 'lit';

/**
 * The icon of each kind of object (`.icon.i-<codicon>`): a mask of the codicon Tusk serves
 * under `assets/icons/`, tinted by kind. One plain element per icon, no component: the
 * tree draws hundreds of rows a second while it scrolls.
 */
export const schemaIconStyles = css`
  .icon {
    flex: none;
    width: 16px;
    height: 16px;
    background: var(--tusk-text-muted);
    mask: center / 16px no-repeat;
  }
  .i-table {
    background: var(--tusk-conn-blue);
  }
  .i-eye,
  .i-layers {
    background: var(--tusk-conn-teal);
  }
  .i-symbol-method,
  .i-symbol-operator {
    background: var(--tusk-conn-purple);
  }
  .i-symbol-structure,
  .i-symbol-enum,
  .i-list-ordered {
    background: var(--tusk-conn-green);
  }
  .i-key {
    background: var(--tusk-conn-yellow);
  }
  .i-symbol-field {
    background: var(--tusk-text-faint);
  }
  .i-symbol-namespace {
    mask-image: url(assets/icons/symbol-namespace.svg);
  }
  .i-folder {
    mask-image: url(assets/icons/folder.svg);
  }
  .i-table {
    mask-image: url(assets/icons/table.svg);
  }
  .i-eye {
    mask-image: url(assets/icons/eye.svg);
  }
  .i-layers {
    mask-image: url(assets/icons/layers.svg);
  }
  .i-link-external {
    mask-image: url(assets/icons/link-external.svg);
  }
  .i-list-ordered {
    mask-image: url(assets/icons/list-ordered.svg);
  }
  .i-symbol-method {
    mask-image: url(assets/icons/symbol-method.svg);
  }
  .i-symbol-operator {
    mask-image: url(assets/icons/symbol-operator.svg);
  }
  .i-symbol-structure {
    mask-image: url(assets/icons/symbol-structure.svg);
  }
  .i-symbol-enum {
    mask-image: url(assets/icons/symbol-enum.svg);
  }
  .i-extensions {
    mask-image: url(assets/icons/extensions.svg);
  }
  .i-symbol-field {
    mask-image: url(assets/icons/symbol-field.svg);
  }
  .i-key {
    mask-image: url(assets/icons/key.svg);
  }
  .i-link {
    mask-image: url(assets/icons/link.svg);
  }
  .i-list-tree {
    mask-image: url(assets/icons/list-tree.svg);
  }
  .i-symbol-event {
    mask-image: url(assets/icons/symbol-event.svg);
  }
  .i-type-hierarchy {
    mask-image: url(assets/icons/type-hierarchy.svg);
  }
  .i-pass {
    mask-image: url(assets/icons/pass.svg);
  }
  .i-database {
    mask-image: url(assets/icons/database.svg);
  }
`;
