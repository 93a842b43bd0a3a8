// The Python side of the warm PDF converter, run as `python3 -c UNO_BRIDGE <uno-url> <office-argv-json>`
// with Debian's python3-uno. Kept as a string so that a bundled CLI carries it without a file path.
// It starts the office itself so that both die with their parent (PR_SET_PDEATHSIG): Node killed,
// even with SIGKILL or with its process group, takes the bridge and the office with it.
// Protocol, one JSON object a line: stdin {"id", "input", "output", "filterData"} (file URLs; filterData
// the PDF export's boolean options) → stdout
// {"id", "ok": true, "loadMs", "exportMs"} or {"id", "ok": false, "error", "fatal"}; the first line
// out is {"ready": true, "pid"} (the office's process id) or {"ready": false, "error"}.
// "fatal" means the office went away (crash, kill): the bridge exits and Node starts a new pair.
// On end of stdin it stops the office and exits.

/**
 * Options of LibreOffice's PDF export, the same for the warm and the cold path. IsSkipEmptyPages off: the
 * blank page an office inserts before a section that starts on an even page is printed (soffice's
 * --convert-to leaves it out by default, and the 版记 of print-layout.ts would land on an odd page).
 */
export const PDF_FILTER_DATA: Readonly<Record<string, boolean>> = { IsSkipEmptyPages: false };

export const UNO_BRIDGE = String.raw`
import ctypes, json, os, signal, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException

url, office_argv = sys.argv[1], json.loads(sys.argv[2])
libc = ctypes.CDLL(None, use_errno=True)

def die_with_parent():
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

parent = os.getppid()
die_with_parent()
if os.getppid() != parent:
    sys.exit(1)  # Node went away before the line above
def start_office():
    return subprocess.Popen(office_argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)

office = start_office()
restarts = 0

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

def stop_office():
    try:
        office.kill()
        office.wait(10)
    except Exception:
        pass

def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
deadline = time.time() + float(os.environ.get("SHENBAO_UNO_CONNECT_S", "180"))
while True:
    try:
        remote = resolver.resolve(url)
        break
    except NoConnectException:
        if office.poll() == 81 and restarts < 3:
            # A new profile: soffice.bin writes it and asks to be started again (oosplash's job).
            restarts += 1
            office = start_office()
            continue
        if office.poll() is not None:
            send({"ready": False, "error": "LibreOffice exited with " + str(office.returncode)})
            sys.exit(2)
        if time.time() > deadline:
            send({"ready": False, "error": "no connection to LibreOffice"})
            stop_office()
            sys.exit(2)
        time.sleep(0.05)
desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
send({"ready": True, "pid": office.pid})

for line in sys.stdin:
    job = json.loads(line)
    doc = None
    try:
        t0 = time.perf_counter()
        doc = desktop.loadComponentFromURL(job["input"], "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
        if doc is None:
            raise RuntimeError("LibreOffice could not open " + job["input"])
        t1 = time.perf_counter()
        filter_data = tuple(prop(k, bool(v)) for k, v in job.get("filterData", {}).items())
        args = (prop("FilterName", "writer_pdf_Export"),
                prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", filter_data)))
        uno.invoke(doc, "storeToURL", (job["output"], uno.Any("[]com.sun.star.beans.PropertyValue", args)))
        t2 = time.perf_counter()
        doc.close(True)
        doc = None
        send({"id": job["id"], "ok": True, "loadMs": round((t1 - t0) * 1000), "exportMs": round((t2 - t1) * 1000)})
    except Exception as e:
        fatal = isinstance(e, DisposedException) or "Binary URP bridge" in str(e) or "DisposedException" in type(e).__name__
        send({"id": job["id"], "ok": False, "error": type(e).__name__ + ": " + str(e), "fatal": fatal})
        if fatal:
            stop_office()
            sys.exit(3)
    finally:
        if doc is not None:
            try:
                doc.close(True)
            except Exception:
                pass

stop_office()
`;
