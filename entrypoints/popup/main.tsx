import { render } from 'preact';

render(<main>Detour</main>, document.getElementById('app') as HTMLElement);
