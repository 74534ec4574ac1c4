"""floortui: the call centre's floor, QA and coaching in a terminal.

Importing it sets the garbage collector's pace for a start-up and a shift
(floortui/heap.py) before Textual and the rest are loaded.
"""

from floortui.heap import set_shift_pace

set_shift_pace()
