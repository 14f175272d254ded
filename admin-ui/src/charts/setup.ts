// Chart.js with only the parts the dashboard draws (tree-shaken), and one palette.
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';

export const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#84cc16', '#ec4899'];
// Every chart counts customers or reps: whole steps on a value axis, never 0.1 … 1.0 on an empty one.
Chart.defaults.set('scales.linear', { ticks: { precision: 0 } });
