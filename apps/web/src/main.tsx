import { createRoot } from 'react-dom/client';
import { App } from './app';
import './app.css';
import './portal.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
