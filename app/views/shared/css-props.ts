import { noChange, type ElementPart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`<span ${cssProps({'--depth': '2'})}>`):
 * the page's CSP forbids `style` attributes, which `styleMap` writes on its first render.
 */
class CssProps extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps goes on an element');
  }

  render(props: Record<string, string>): unknown {
    void props;
    return noChange;
  }

  override update(part: ElementPart, [props]: [Record<string, string>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    return noChange;
  }
}

/** Style properties (custom ones too) set on the element through the CSSOM. */
export const cssProps = directive(CssProps);
