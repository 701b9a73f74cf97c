# `sregistry-server serve`, which lives with the HTTP server in backend/http.
target_sources(sreg_backend PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ServeCommand.cpp)
