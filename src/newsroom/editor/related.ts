/** Choosing one of our published stories for a "related story" block: a dialog searching headlines. */

export interface StoryChoice {
  id: number;
  title: string;
  url: string;
}

async function lookUp(query: string): Promise<StoryChoice[]> {
  try {
    const response = await fetch(`/newsroom/stories/lookup.json?q=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return [];
    const data = (await response.json()) as { stories?: StoryChoice[] };
    return data.stories ?? [];
  } catch {
    return [];
  }
}

export function chooseStory(): Promise<StoryChoice | null> {
  return new Promise((resolve) => {
    const dialog = Object.assign(document.createElement('dialog'), { className: 'ed-dialog story-picker' });
    dialog.setAttribute('aria-labelledby', 'story-picker-title');
    const heading = Object.assign(document.createElement('h2'), { id: 'story-picker-title', textContent: 'Link a related story' });
    const search = Object.assign(document.createElement('input'), { type: 'search', placeholder: 'Search published headlines' });
    search.setAttribute('aria-label', 'Search published stories');
    const list = Object.assign(document.createElement('ul'), { className: 'story-picker-list' });
    const cancel = Object.assign(document.createElement('button'), { type: 'button', className: 'ed-button', textContent: 'Cancel' });
    let chosen: StoryChoice | null = null;
    const show = (stories: StoryChoice[]) => {
      list.replaceChildren(
        ...(stories.length
          ? stories.map((story) => {
              const item = document.createElement('li');
              const button = Object.assign(document.createElement('button'), { type: 'button', className: 'story-picker-item', textContent: story.title });
              button.addEventListener('click', () => {
                chosen = story;
                dialog.close();
              });
              item.append(button);
              return item;
            })
          : [Object.assign(document.createElement('li'), { textContent: 'No published story matches.' })]),
      );
    };
    let timer: number | undefined;
    search.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lookUp(search.value).then(show), 200);
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(chosen);
    });
    dialog.append(heading, search, list, cancel);
    document.body.append(dialog);
    void lookUp('').then(show);
    dialog.showModal();
    search.focus();
  });
}
