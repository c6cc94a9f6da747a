/**
 * The story editor page in the browser: mounts the rich-text component (component.ts) on the story form's body, and
 * wires the canvas, the settings panel, pickers, saving and the publish flow around it. The form works without it.
 */
import { createRichEditor } from './component.js';
import { enhanceFields } from './fields.js';
import { bylinePicker, canvasFields, copyLink, deskNotes, featuredPicker, presence, publishDialog, settingsPanel, tagPicker } from './panel.js';

export { createRichEditor, blockChoices, type RichEditor, type RichEditorOptions } from './component.js';
export { onQuoteAttribution, type QuoteAttributionHook } from './nodes.js';

function mount(form: HTMLFormElement, textarea: HTMLTextAreaElement): void {
  const holder = document.createElement('div');
  holder.className = 'editor-body story-body';
  let saver: ReturnType<typeof enhanceFields> | null = null;
  const problems = document.getElementById('autosave-status');
  const rich = createRichEditor({
    element: holder,
    content: textarea.value,
    canUpload: form.dataset.canUpload === 'true',
    onChange: (html) => {
      textarea.value = html;
      saver?.changed();
    },
    onProblem: (message) => {
      if (problems) {
        problems.textContent = message;
        problems.classList.add('is-problem');
      }
    },
  });
  saver = enhanceFields(form, {
    getText: () => rich.getText(),
    getHTML: () => rich.getHTML(),
    setHTML: (html) => {
      rich.editor.commands.setContent(html, { emitUpdate: true });
    },
  });
  textarea.value = rich.getHTML();
  textarea.hidden = true;
  const field = textarea.closest('.field');
  field?.classList.add('has-editor');
  // The hint about writing HTML is for the plain form only.
  const hint = document.getElementById('body-hint');
  if (hint) hint.hidden = true;
  textarea.removeAttribute('aria-describedby');
  textarea.before(holder);
  const settings = settingsPanel(form);
  canvasFields(form, () => rich.focus());
  bylinePicker(form);
  tagPicker(form);
  featuredPicker(form);
  publishDialog(form, settings);
  copyLink();
  presence(form);
  deskNotes();
  form.classList.add('editor-ready');
  performance.mark('editor-ready');
}

const form = document.getElementById('story-form');
const body = document.getElementById('body_html');
if (form instanceof HTMLFormElement && body instanceof HTMLTextAreaElement) mount(form, body);
