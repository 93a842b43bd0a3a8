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
      // A read-only (submitted) form still shows each field's hint: MUI's disabled grey is too
      // faint to read (axe color-contrast), so hints keep the normal hint colour.
      MuiFormHelperText: { styleOverrides: { root: { '&.Mui-disabled': { color: '#4b5563' } } } },
    },
  },
  zhCN,
);
