# Install-time script (see packaging/CMakeLists.txt): installs sregistry-server.service with ExecStart naming
# the binary under the prefix being installed to. The source unit names /usr/bin, the Debian package's path.
foreach(variable SREG_UNIT_SOURCE SREG_UNIT_STAGING SREG_UNIT_DIR SREG_INSTALL_BINDIR)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "InstallSystemdUnit.cmake: ${variable} is not set")
    endif()
endforeach()

if(IS_ABSOLUTE "${SREG_INSTALL_BINDIR}")
    set(bindir "${SREG_INSTALL_BINDIR}")
else()
    set(bindir "${CMAKE_INSTALL_PREFIX}/${SREG_INSTALL_BINDIR}")
endif()
if(IS_ABSOLUTE "${SREG_UNIT_DIR}")
    set(unitdir "${SREG_UNIT_DIR}")
else()
    set(unitdir "${CMAKE_INSTALL_PREFIX}/${SREG_UNIT_DIR}")
endif()

file(READ "${SREG_UNIT_SOURCE}" unit)
set(from "\nExecStart=/usr/bin/sregistry-server ")
string(FIND "${unit}" "${from}" found)
if(found EQUAL -1)
    message(FATAL_ERROR "${SREG_UNIT_SOURCE}: no line starting with \"ExecStart=/usr/bin/sregistry-server \"")
endif()
string(REPLACE "${from}" "\nExecStart=${bindir}/sregistry-server " unit "${unit}")
file(WRITE "${SREG_UNIT_STAGING}/sregistry-server.service" "${unit}")
file(INSTALL DESTINATION "${unitdir}" TYPE FILE
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ
    FILES "${SREG_UNIT_STAGING}/sregistry-server.service")
