# PyInstaller runtime hook (build.spec): the bundle leaves Pillow out, since fpdf2 needs it only
# to place images and the documents have none. fpdf2 warns on import when Pillow is missing;
# the note means nothing to an officer writing a report, so the bundle keeps it quiet.
import warnings

warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
