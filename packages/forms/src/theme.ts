import { zhCN } from '@mui/material/locale';
import { createTheme } from '@mui/material/styles';

/** MUI in Chinese, with a plain government-portal look. */
export const shenbaoTheme = createTheme(
  {
    palette: { primary: { main: '#0b57d0' }, error: { main: '#b3261e' } },
    typography: {
      fontFamily:
        '"PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", system-ui, sans-serif',
    },
    components: {
      MuiStepLabel: { styleOverrides: { label: { fontSize: 13 } } },
    },
  },
  zhCN,
);
