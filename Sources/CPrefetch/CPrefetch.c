// CPrefetch is its header alone (an inline function); SwiftPM needs a source file to build the target.
#include "CPrefetch.h"
